"""Data encryption and decryption with data keys (usage ``"data"``, D0): TDES, AES or SM4.

``mode`` is ``"cbc"`` (default) or ``"ecb"``; ``iv`` is one cipher block for CBC (``None``: all
zeros, what terminal protocols default to; pass the protocol's IV when it defines one) and must
be ``None`` for ECB. ``padding`` is ``"none"`` (data must be whole blocks), ``"iso9797_2"``
(``80 00..``, removed on decryption) or ``"zeros"`` (not removed on decryption). TDES and AES DUKPT
data keys work here; PIN, MAC and key encryption keys are refused (:class:`posguard.KeyUsageError`).
Bad ISO 9797-1 method 2 padding on decryption raises :class:`posguard.InvalidInputError` (code 17):
authenticate ciphertexts before decrypting them, or that error is a padding oracle.
"""

from ._posguard import data_decrypt as decrypt
from ._posguard import data_encrypt as encrypt

__all__ = ["decrypt", "encrypt"]
