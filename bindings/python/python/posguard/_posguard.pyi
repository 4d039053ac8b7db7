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
#: Names the core parses (plain str, so callers can pass names from data files):
#: TDES DUKPT usage: "pin", "mac_request", "mac_response", "data_request", "data_response".
_TdesUsage: TypeAlias = str
#: AES DUKPT usage: "pin", "mac_generate", "mac_verify", "mac_both", "data_encrypt", "data_decrypt", "data_both", "kek".
_AesUsage: TypeAlias = str
#: AES DUKPT key type: "tdes2", "tdes3", "aes128", "aes192", "aes256", "hmac128", "hmac192", "hmac256".
_AesKeyType: TypeAlias = str
#: MAC algorithm: "iso9797_1", "iso9797_3", "cmac", "hmac_sha256", "unionpay_ecb", "unionpay_ecb_sm4".
_MacAlgorithm: TypeAlias = str
#: ISO 9797-1 padding method: 1, 2 or 3 (also "method2"...).
_MacPadding: TypeAlias = int | str
#: Data encryption mode ("ecb", "cbc") and padding ("none", "iso9797_2", "zeros").
_DataMode: TypeAlias = str
_DataPadding: TypeAlias = str

__all__ = [
    "DukptAesDevice",
    "DukptAesTransaction",
    "DukptTdesDevice",
    "DukptTdesTransaction",
    "Key",
    "TagInfo",
    "Tlv",
    "Tr31Header",
    "__version__",
    "data_decrypt",
    "data_encrypt",
    "dol_build",
    "dol_parse",
    "dukpt_aes_derive_initial_key",
    "dukpt_aes_derive_key",
    "dukpt_aes_derive_update_key",
    "dukpt_aes_derive_working_key",
    "dukpt_tdes_derive_ipek",
    "dukpt_tdes_derive_key",
    "dukpt_tdes_derive_key_from_ipek",
    "mac_generate",
    "mac_verify",
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
    "tr31_inspect",
    "tr31_unwrap",
    "tr31_wrap",
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

@final
class Tr31Header:
    """A key block header (posguard.tr31.Header): codes for version/mode/exportability, names for usage/algorithm."""

    @property
    def version(self) -> str: ...
    @property
    def length(self) -> int: ...
    @property
    def usage(self) -> str: ...
    @property
    def usage_code(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def key_version(self) -> str: ...
    @property
    def exportability(self) -> str: ...
    @property
    def optional_blocks(self) -> list[tuple[str, str]]: ...

def tr31_inspect(block: str) -> Tr31Header: ...
def tr31_unwrap(kbpk: Key, block: str, *, strict: bool = True, allow_version_a: bool = False) -> Key: ...
def tr31_wrap(
    kbpk: Key,
    key: Key,
    *,
    version: str = "D",
    key_version: str = "00",
    exportability: str = "N",
    optional_blocks: Sequence[tuple[str, str]] = (),
    mask_key_length: bool = True,
    rng: _Rng = None,
) -> str: ...
def dukpt_tdes_derive_ipek(bdk: Key, ksn: _Buffer) -> Key: ...
def dukpt_tdes_derive_key(bdk: Key, ksn: _Buffer, usage: _TdesUsage) -> Key: ...
def dukpt_tdes_derive_key_from_ipek(ipek: Key, ksn: _Buffer, usage: _TdesUsage) -> Key: ...

@final
class DukptTdesDevice:
    """posguard.dukpt.tdes.Device: a TDES DUKPT originating device."""

    def __new__(cls, ipek: Key, ksn: _Buffer) -> DukptTdesDevice: ...
    @property
    def ksn(self) -> bytes: ...
    @property
    def remaining(self) -> int: ...
    def next(self, usage: _TdesUsage) -> tuple[bytes, Key]: ...
    def next_transaction(self) -> DukptTdesTransaction: ...
    def save(self) -> bytes: ...
    @staticmethod
    def restore(state: _Buffer) -> DukptTdesDevice: ...

@final
class DukptTdesTransaction:
    """posguard.dukpt.tdes.Transaction: one transaction's KSN and transaction key."""

    @property
    def ksn(self) -> bytes: ...
    def key(self, usage: _TdesUsage) -> Key: ...

def dukpt_aes_derive_initial_key(bdk: Key, initial_key_id: _Buffer) -> Key: ...
def dukpt_aes_derive_key(bdk: Key, ksn: _Buffer, usage: _AesUsage, key_type: _AesKeyType) -> Key: ...
def dukpt_aes_derive_working_key(initial_key: Key, ksn: _Buffer, usage: _AesUsage, key_type: _AesKeyType) -> Key: ...
def dukpt_aes_derive_update_key(initial_key: Key, initial_key_id: _Buffer, key_type: _AesKeyType) -> Key: ...

@final
class DukptAesDevice:
    """posguard.dukpt.aes.Device: an AES DUKPT originating device."""

    def __new__(cls, initial_key: Key, ksn: _Buffer) -> DukptAesDevice: ...
    @property
    def ksn(self) -> bytes: ...
    @property
    def remaining(self) -> int: ...
    @property
    def key_type(self) -> _AesKeyType: ...
    def next(self, usage: _AesUsage, key_type: _AesKeyType | None = None) -> tuple[bytes, Key]: ...
    def next_transaction(self) -> DukptAesTransaction: ...
    def save(self) -> bytes: ...
    @staticmethod
    def restore(state: _Buffer) -> DukptAesDevice: ...

@final
class DukptAesTransaction:
    """posguard.dukpt.aes.Transaction: one transaction's KSN and derivation key."""

    @property
    def ksn(self) -> bytes: ...
    def key(self, usage: _AesUsage, key_type: _AesKeyType | None = None) -> Key: ...

def mac_generate(
    key: Key, data: _Buffer, algorithm: _MacAlgorithm, *, padding: _MacPadding = 1, length: int | None = None
) -> bytes: ...
def mac_verify(key: Key, data: _Buffer, mac: _Buffer, algorithm: _MacAlgorithm, *, padding: _MacPadding = 1) -> None: ...
def data_encrypt(
    key: Key, data: _Buffer, *, mode: _DataMode = "cbc", iv: _Buffer | None = None, padding: _DataPadding = "none"
) -> bytes: ...
def data_decrypt(
    key: Key, data: _Buffer, *, mode: _DataMode = "cbc", iv: _Buffer | None = None, padding: _DataPadding = "none"
) -> bytes: ...
