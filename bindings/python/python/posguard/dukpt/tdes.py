"""TDES DUKPT (ANSI X9.24-1:2009).

Host side: :func:`derive_ipek` (BDK with usage ``"bdk"`` and a 10-byte KSN -> initial key,
usage B1), :func:`derive_key` / :func:`derive_key_from_ipek` (the working key of ``usage``
for any KSN). ``usage`` is ``"pin"`` (P0), ``"mac_request"`` / ``"mac_response"`` (M3: the
ISO 9797-1 algorithm 3 retail MAC, ``pg.mac.generate(key, data, "iso9797_3")``) or
``"data_request"`` / ``"data_response"`` (D0).

Device side: :class:`Device` ``(ipek, ksn)``; ``.ksn`` is the next transaction's KSN,
``.remaining`` the transactions left, ``.next(usage)`` returns ``(ksn, key)`` and advances
(raises :class:`posguard.StateError` when exhausted); ``.next_transaction()`` returns a
:class:`Transaction` (``.ksn``, ``.key(usage)``) for several keys under one KSN (PIN and
MAC); ``.save()`` the state as ``bytes``
(future keys in clear: the caller must store it safely, sealed) and ``Device.restore(state)``
the device back. A KSN of the wrong size or a counter with more than 10 one-bits raises
:class:`posguard.InvalidInputError`.
"""

from .._posguard import DukptTdesDevice as Device
from .._posguard import DukptTdesTransaction as Transaction
from .._posguard import dukpt_tdes_derive_ipek as derive_ipek
from .._posguard import dukpt_tdes_derive_key as derive_key
from .._posguard import dukpt_tdes_derive_key_from_ipek as derive_key_from_ipek

__all__ = ["Device", "Transaction", "derive_ipek", "derive_key", "derive_key_from_ipek"]
