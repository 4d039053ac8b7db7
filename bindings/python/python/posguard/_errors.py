"""The posguard exception hierarchy.

Every exception carries ``code``: the stable number of the core error
(``posguard::Error::code``), the same number C reports as a status and Kotlin
as ``PosguardException.code``. Messages never contain keys, PINs or PANs.
"""

__all__ = [
    "IntegrityError",
    "InvalidInputError",
    "KeyBlockError",
    "KeyUsageError",
    "PosguardError",
    "StateError",
    "TlvError",
    "WeakPinError",
]


class PosguardError(Exception):
    """Base class of every posguard error (RNG failures are raised as this class)."""

    code: int

    def __init__(self, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.code = code


class InvalidInputError(PosguardError, ValueError):
    """Malformed or out-of-range input: key length, PIN, PAN, PIN block, format, length."""


class TlvError(InvalidInputError):
    """Malformed BER-TLV data or data object list (also a bad tag or an item that does not fit its tag).

    ``offset`` is the byte offset in the input where the fault was found: the missing byte
    of a truncated tag or length (so the input length), the length field of a value that runs
    past its end, the first byte of trailing data. Codes: 40 (TLV), 41 (DOL).
    """

    offset: int

    def __init__(self, message: str, code: int = 0, offset: int = 0) -> None:
        super().__init__(message, code)
        self.offset = offset


class KeyBlockError(InvalidInputError):
    """A malformed TR-31 / X9.143 key block (code 50).

    ``offset`` is the character offset in the key block where the fault was found.
    """

    offset: int

    def __init__(self, message: str, code: int = 0, offset: int = 0) -> None:
        super().__init__(message, code)
        self.offset = offset


class KeyUsageError(PosguardError):
    """A key used outside its usage, mode of use or algorithm (e.g. a MAC key to encrypt a PIN).

    Also a key block the standard refuses (code 51): a KBPK weaker than the key or not
    fitting the version, a header that contradicts the key.
    """


class IntegrityError(PosguardError):
    """An integrity check failed (check value, MAC, key block authentication): treat it as a security event."""


class StateError(PosguardError):
    """The object's state does not permit the operation (code 61: an exhausted DUKPT device)."""


class WeakPinError(PosguardError, ValueError):
    """A PIN refused by the PIN policy; the message names the rule, never the PIN."""
