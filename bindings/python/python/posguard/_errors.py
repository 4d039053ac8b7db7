"""The posguard exception hierarchy.

Every exception carries ``code``: the stable number of the core error
(``posguard::Error::code``), the same number C reports as a status and Kotlin
as ``PosguardException.code``. Messages never contain keys, PINs or PANs.
"""

__all__ = ["IntegrityError", "InvalidInputError", "KeyUsageError", "PosguardError", "WeakPinError"]


class PosguardError(Exception):
    """Base class of every posguard error (RNG failures are raised as this class)."""

    code: int

    def __init__(self, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.code = code


class InvalidInputError(PosguardError, ValueError):
    """Malformed or out-of-range input: key length, PIN, PAN, PIN block, format, length."""


class KeyUsageError(PosguardError):
    """A key used outside its usage, mode of use or algorithm (e.g. a MAC key to encrypt a PIN)."""


class IntegrityError(PosguardError):
    """An integrity check failed (check value, MAC): treat it as a security event."""


class WeakPinError(PosguardError, ValueError):
    """A PIN refused by the PIN policy; the message names the rule, never the PIN."""
