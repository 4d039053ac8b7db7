"""EMV data object lists (PDOL, CDOL1, CDOL2, DDOL, TDOL).

:func:`parse` gives the (tag, length) entries of a DOL; :func:`build` builds the
DOL data a terminal sends from values by tag (EMV Book 3, 5.4): numeric (``n``)
values are left-padded with zeros or truncated on the left, compressed numeric
(``cn``) values right-padded with ``F``, other values right-padded with zeros or
truncated on the right, and absent values (and templates) sent as zeros. Formats
come from the tag dictionary (see :func:`posguard.tlv.register_tag`); unknown
tags count as binary. Malformed DOLs raise :class:`posguard.TlvError` (code 41).
"""

from ._posguard import dol_build as build
from ._posguard import dol_parse as parse

__all__ = ["build", "parse"]
