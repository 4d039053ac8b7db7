"""Type stubs of the native module posguard._posguard (bindings/python/src)."""

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Literal, TypeAlias, final

#: Binary input: every function accepts these three.
_Buffer: TypeAlias = bytes | bytearray | memoryview
#: A PIN block format: 0-4, or "iso0"..."iso4", "sm4" (also "ISO-0", "format0"...).
_PinFormat: TypeAlias = int | str
#: Check value method; None picks CMAC for AES keys and zero-block otherwise.
_CheckValueMethod: TypeAlias = Literal["zero_block", "cmac"] | None
#: rng(n) returns n random bytes (reproducible test rigs); None is the OS CSPRNG.
_Rng: TypeAlias = Callable[[int], _Buffer] | None
#: An item to encode: a Tlv, (tag, bytes) for a primitive object, (tag, [items]) for a template.
_TlvItem: TypeAlias = Tlv | tuple[str, _Buffer | Sequence[_TlvItem]]
#: Data element formats (EMV Book 3, 4.3) and sources of the tag dictionary.
_TagFormat: TypeAlias = Literal["n", "cn", "a", "an", "ans", "b", "template"]
_TagSource: TypeAlias = Literal["icc", "terminal", "issuer", "other"]

__all__ = [
    "Key",
    "TagInfo",
    "Tlv",
    "__version__",
    "dol_build",
    "dol_parse",
    "pin_check_policy",
    "pin_decode",
    "pin_decrypt",
    "pin_encode",
    "pin_encrypt",
    "pin_translate",
    "tlv_decode",
    "tlv_describe",
    "tlv_encode",
    "tlv_find",
    "tlv_register_tag",
    "tlv_tag_info",
]

__version__: str

@final
class Key:
    def __new__(cls, material: _Buffer, algorithm: str, usage: str, mode: str | None = None) -> Key: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def usage(self) -> str: ...
    @property
    def usage_code(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def kind(self) -> str: ...
    def kcv(self, length: int = 3, method: _CheckValueMethod = None) -> bytes: ...
    def kcv_unionpay(self) -> bytes: ...
    def verify_kcv(self, kcv: _Buffer, method: _CheckValueMethod = None) -> None: ...
    def export_clear(self) -> bytes: ...

def pin_encode(pin: str, pan: str | None, format: _PinFormat, *, rng: _Rng = None) -> bytes: ...
def pin_decode(block: _Buffer, pan: str | None, format: _PinFormat) -> str: ...
def pin_encrypt(pin: str, pan: str | None, key: Key, format: _PinFormat = 0, *, rng: _Rng = None) -> bytes: ...
def pin_decrypt(block: _Buffer, pan: str | None, key: Key, format: _PinFormat = 0) -> str: ...
def pin_translate(
    block: _Buffer,
    pan: str | None,
    from_key: Key,
    from_format: _PinFormat,
    to_key: Key,
    to_format: _PinFormat,
    *,
    rng: _Rng = None,
) -> bytes: ...
def pin_check_policy(
    pin: str,
    *,
    min_length: int = 4,
    max_length: int = 12,
    reject_repeated: bool = True,
    reject_sequences: bool = True,
    reject_common: bool = True,
    blocklist: Sequence[str] = (),
) -> None: ...

@final
class Tlv:
    """One BER-TLV object; equal to another with the same tag and value; repr masks cardholder data."""

    def __new__(cls, tag: str, value: _Buffer | Sequence[_TlvItem]) -> Tlv: ...
    @property
    def tag(self) -> str: ...
    @property
    def value(self) -> bytes: ...
    @property
    def children(self) -> list[Tlv]: ...
    @property
    def constructed(self) -> bool: ...
    @property
    def offset(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TagInfo:
    @property
    def tag(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def format(self) -> _TagFormat: ...
    @property
    def source(self) -> _TagSource: ...
    @property
    def min_length(self) -> int: ...
    @property
    def max_length(self) -> int: ...
    @property
    def sensitive(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def tlv_decode(data: _Buffer, *, strict: bool = False) -> list[Tlv]: ...
def tlv_encode(items: Sequence[_TlvItem]) -> bytes: ...
def tlv_find(data: _Buffer, tag: str, *, strict: bool = False) -> bytes | None: ...
def tlv_describe(data: _Buffer, *, show_sensitive: bool = False, strict: bool = False) -> str: ...
def tlv_tag_info(tag: str) -> TagInfo | None: ...
def tlv_register_tag(
    tag: str,
    name: str,
    format: _TagFormat,
    source: _TagSource = "other",
    min_length: int = 0,
    max_length: int = 252,
    sensitive: bool = False,
) -> None: ...
def dol_parse(dol: _Buffer) -> list[tuple[str, int]]: ...
def dol_build(dol: _Buffer, values: Mapping[str, _Buffer]) -> bytes: ...
