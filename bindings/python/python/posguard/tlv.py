"""EMV BER-TLV: decode, encode, find, the tag dictionary and the decoder for people.

Everything a terminal reads from a card and sends in field 55::

    import posguard as pg

    data = bytes.fromhex("9C0101E0055F2A0202089F0200")
    [t.tag for t in pg.tlv.decode(data)]           # ['9C', 'E0', '9F02']: list[Tlv], order and duplicates kept
    pg.tlv.find(data, "5F2A")                       # b'\x02\x08': first match, depth-first, or None
    pg.tlv.encode([("9C", b"\x01"), ("E0", [("5F2A", b"\x02\x08")]), ("9F02", b"")]) == data
    print(pg.tlv.describe(data))                    # names and decoded values, card data masked

A decoded :class:`Tlv` is a view into the input (which it keeps alive): ``.value``
is sliced on access and ``.children`` decoded on first access, after ``decode`` has
checked the whole input. ``Tlv(tag, value)`` builds one: ``value`` is ``bytes`` for a
primitive object and a list of items (or the encoded contents) for a template.

``strict=True`` rejects non-minimal tags and lengths and trailing bytes; the
default (lenient) accepts what real cards send, including 00/FF filler.
Malformed data raises :class:`TlvError` (an ``InvalidInputError``) with the byte
``offset``. Tags are hex strings (``"9F02"``, any case on input, uppercase on output).

:func:`register_tag` adds a tag to the process-wide dictionary that
:func:`tag_info`, :func:`describe`, ``repr(Tlv)`` and :func:`posguard.dol.build` use.
"""

from ._errors import TlvError
from ._posguard import TagInfo, Tlv
from ._posguard import tlv_decode as decode
from ._posguard import tlv_describe as describe
from ._posguard import tlv_encode as encode
from ._posguard import tlv_find as find
from ._posguard import tlv_register_tag as register_tag
from ._posguard import tlv_tag_info as tag_info

__all__ = ["TagInfo", "Tlv", "TlvError", "decode", "describe", "encode", "find", "register_tag", "tag_info"]
