"""Type stubs of the native module posguard._posguard (bindings/python/src)."""

from collections.abc import Callable, Sequence
from typing import Literal, TypeAlias, final

#: Binary input: every function accepts these three.
_Buffer: TypeAlias = bytes | bytearray | memoryview
#: A PIN block format: 0-4, or "iso0"..."iso4", "sm4" (also "ISO-0", "format0"...).
_PinFormat: TypeAlias = int | str
#: Check value method; None picks CMAC for AES keys and zero-block otherwise.
_CheckValueMethod: TypeAlias = Literal["zero_block", "cmac"] | None
#: rng(n) returns n random bytes (reproducible test rigs); None is the OS CSPRNG.
_Rng: TypeAlias = Callable[[int], _Buffer] | None

__all__ = [
    "Key",
    "__version__",
    "pin_check_policy",
    "pin_decode",
    "pin_decrypt",
    "pin_encode",
    "pin_encrypt",
    "pin_translate",
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
