"""ISO 9564-1 PIN blocks (formats 0, 1, 2, 3, 4) and the China UnionPay SM4 block.

``format`` is 0-4 or a name: ``"iso0"`` ... ``"iso4"``, ``"sm4"``. Formats 0, 3
and SM4 need a PAN of 13-19 digits, format 4 encryption a PAN of 1-19 digits;
formats 1 and 2 ignore the PAN. Keys need usage ``"pin"`` (P0) and the format's
algorithm: TDES for 0-3, AES for 4, SM4 for ``"sm4"``.

``rng`` (formats 1, 3 and 4 draw random fill) is ``None`` for the OS CSPRNG, or
a callable ``rng(n) -> bytes`` returning ``n`` bytes, for reproducible test rigs
only.
"""

from ._posguard import pin_check_policy as check_policy
from ._posguard import pin_decode as decode
from ._posguard import pin_decrypt as decrypt
from ._posguard import pin_encode as encode
from ._posguard import pin_encrypt as encrypt
from ._posguard import pin_translate as translate

__all__ = ["check_policy", "decode", "decrypt", "encode", "encrypt", "translate"]
