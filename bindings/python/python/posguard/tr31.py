"""TR-31 / ANSI X9.143 / ISO 20038 key blocks: how keys reach a terminal with their attributes bound.

::

    import posguard as pg

    kbpk = pg.Key(bytes(range(32)), "aes", "kbpk")
    block = pg.tr31.wrap(kbpk, pg.Key(bytes(range(16)), "tdes", "pin"))   # version D, non-exportable
    pg.tr31.inspect(block).usage_code                                     # 'P0' (no KBPK needed)
    key = pg.tr31.unwrap(kbpk, block)                                     # a Key with usage, algorithm, mode from the header

:func:`unwrap` validates strictly (ANSI X9.143) by default; ``strict=False`` accepts what
real HSMs emit (no key length obfuscation, lower-case hex...). Version A needs
``allow_version_a=True`` and is never written. :func:`wrap` writes versions B, C (TDES KBPK)
and D, E (AES KBPK); ``optional_blocks`` is a sequence of ``(id, data)`` pairs (``PB`` is added
by wrap; ``("KC", "")`` / ``("KP", "")`` get the check values computed); ``rng`` (the random
padding) is ``None`` for the OS CSPRNG or ``rng(n) -> bytes`` for reproducible test rigs.

The KBPK has usage ``"kbpk"`` (K1) or ``"kek"`` (K0) and must be at least as strong as the
key. Errors: :class:`posguard.KeyBlockError` (malformed, with ``offset``),
:class:`posguard.IntegrityError` (the MAC does not match), :class:`posguard.KeyUsageError`
(a block or KBPK the standard refuses).
"""

from ._posguard import Tr31Header as Header
from ._posguard import tr31_inspect as inspect
from ._posguard import tr31_unwrap as unwrap
from ._posguard import tr31_wrap as wrap

__all__ = ["Header", "inspect", "unwrap", "wrap"]
