"""Message authentication codes, every variant named.

``algorithm``:

- ``"iso9797_1"``: ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC; DES = FIPS 113 / X9.9, TDES, AES, SM4);
- ``"iso9797_3"``: algorithm 3, the ANSI X9.19 retail MAC (double-length TDES key);
- ``"cmac"``: NIST SP 800-38B CMAC (TDES, AES, SM4);
- ``"hmac_sha256"``: HMAC-SHA256 (``"hmac"`` keys);
- ``"unionpay_ecb"``: the China UnionPay POS "ECB" MAC (DES or TDES MAK), returned as the 8 ASCII
  hex characters that go into field 64; ``"unionpay_ecb_sm4"``: its SM4 form. **Weak**: the XOR
  fold does not detect swapped or reordered blocks; use only where a host requires it.

``padding`` (1, 2 or 3: ISO/IEC 9797-1 methods) applies to algorithms 1 and 3; the others take
only the default. ``length`` is the MAC length in bytes (UnionPay: hex characters), ``None`` for the
algorithm's default. :func:`verify` compares in constant time; the MAC length is ``len(mac)``; a
mismatch raises :class:`posguard.IntegrityError` and never reveals the expected value.

Keys need a MAC usage: ``"mac"`` (M0, any algorithm) or the algorithm's own (``"M1"``, ``"M3"``,
``"M6"``, ``"M7"``), and a mode that allows the direction (``G`` generate, ``V`` verify, ``C`` both).
"""

from ._posguard import mac_generate as generate
from ._posguard import mac_verify as verify

__all__ = ["generate", "verify"]
