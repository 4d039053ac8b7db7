"""DUKPT: derived unique key per transaction, host side and device side.

- :mod:`posguard.dukpt.tdes`: ANSI X9.24-1:2009 TDES DUKPT (10-byte KSN, at most 10 one-bits in the counter).
- :mod:`posguard.dukpt.aes`: ANSI X9.24-3:2017 AES DUKPT (12-byte KSN, at most 16 one-bits).

Derived keys carry their usage (a PIN key flows into :func:`posguard.pin.encrypt`, a MAC key
into :func:`posguard.mac.generate`, and neither is accepted by the other). A device's
``save()`` returns its future keys in clear: store it sealed.
"""

from . import aes, tdes

__all__ = ["aes", "tdes"]
