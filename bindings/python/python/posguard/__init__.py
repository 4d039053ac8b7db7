"""posguard: payment terminal security for Python test rigs.

Keys that carry their usage, check values, ISO 9564 PIN blocks, EMV BER-TLV
(:mod:`posguard.tlv`) and data object lists (:mod:`posguard.dol`), TR-31 key blocks
(:mod:`posguard.tr31`), TDES and AES DUKPT (:mod:`posguard.dukpt`), MACs
(:mod:`posguard.mac`) and data encryption (:mod:`posguard.data`), computed by
the posguard Rust core::

    import posguard as pg

    key = pg.Key(bytes.fromhex("0123456789ABCDEFFEDCBA9876543210"), "tdes", "pin")
    block = pg.pin.encrypt("4821", "4012345678909", key, 0)
    assert pg.pin.decrypt(block, "4012345678909", key, 0) == "4821"

Binary arguments accept ``bytes``, ``bytearray`` and ``memoryview``; errors are
subclasses of :class:`PosguardError` with a stable ``code``.
"""

from . import data, dol, dukpt, mac, pin, tlv, tr31
from ._errors import (
    IntegrityError,
    InvalidInputError,
    KeyBlockError,
    KeyUsageError,
    PosguardError,
    StateError,
    TlvError,
    WeakPinError,
)
from ._posguard import Key, __version__

__all__ = [
    "IntegrityError",
    "InvalidInputError",
    "Key",
    "KeyBlockError",
    "KeyUsageError",
    "PosguardError",
    "StateError",
    "TlvError",
    "WeakPinError",
    "__version__",
    "data",
    "dol",
    "dukpt",
    "mac",
    "pin",
    "tlv",
    "tr31",
]
