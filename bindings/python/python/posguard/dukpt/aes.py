"""AES DUKPT (ANSI X9.24-3:2017).

Host side: :func:`derive_initial_key` (AES BDK, usage ``"bdk"``, and the 8-byte initial key
ID -> initial key, usage B1), :func:`derive_key` (from the BDK) / :func:`derive_working_key`
(from the initial key): the working key of ``usage`` and ``key_type`` for a 12-byte KSN;
:func:`derive_update_key` (X9.24-3 6.5.3).

``usage``: ``"pin"``, ``"mac_generate"``, ``"mac_verify"``, ``"mac_both"``, ``"data_encrypt"``,
``"data_decrypt"``, ``"data_both"``, ``"kek"``. ``key_type``: ``"tdes2"``, ``"tdes3"``,
``"aes128"``, ``"aes192"``, ``"aes256"``, ``"hmac128"``, ``"hmac192"``, ``"hmac256"``. MAC keys are
CMAC keys (M6) or, for the HMAC key types, HMAC keys (M7). The usage names the device's
operation: the device's ``"mac_generate"`` key generates (mode G) and the host's
(:func:`derive_key`) verifies (mode V); likewise ``"data_encrypt"`` encrypts on the device and
decrypts on the host. Combinations that make no sense (PIN,
data or KEK with an HMAC key type, a key stronger than the BDK) raise a :class:`posguard.PosguardError`
subclass.

Device side: :class:`Device` ``(initial_key, ksn)`` as the TDES device; ``.next(usage,
key_type=None)`` (default: ``.key_type``, the initial key's AES type; a refused ``usage`` /
``key_type`` pair raises before any counter is used); ``.next_transaction()`` returns a
:class:`Transaction` (``.ksn``, ``.key(usage, key_type=None)``) for several keys under one
KSN (PIN and MAC). ``.save()`` returns the
derivation keys in clear: the caller must store it safely, sealed.
"""

from .._posguard import DukptAesDevice as Device
from .._posguard import DukptAesTransaction as Transaction
from .._posguard import dukpt_aes_derive_initial_key as derive_initial_key
from .._posguard import dukpt_aes_derive_key as derive_key
from .._posguard import dukpt_aes_derive_update_key as derive_update_key
from .._posguard import dukpt_aes_derive_working_key as derive_working_key

__all__ = ["Device", "Transaction", "derive_initial_key", "derive_key", "derive_update_key", "derive_working_key"]
