"""posguard.tlv: published card data, pyemv as an independent codec, properties and bad input.

Expected values come from core/tests/vectors/tlv.json (real card responses, each with
its source), from pyemv 1.5.0 (PyPI) and from the BER rules of EMV Book 3 Annex B,
never from posguard itself.
"""

from typing import Any

import posguard as pg
import pytest
import pyemv
from hypothesis import given, settings
from hypothesis import strategies as st
from support import vectors

# At least this many random trees per property and run.
EXAMPLES = 500

VECTORS = {v["name"]: v for v in vectors("tlv.json")}
PAN_RECORD = VECTORS["read record PAN + CDOL1 + CDOL2 (Visa test PAN)"]
TRACK2_RECORD = VECTORS["read record track 2 equivalent + name"]

Item = tuple[str, Any]  # (tag, bytes) or (tag, list[Item])


def data_of(vector: dict[str, Any]) -> bytes:
    return bytes.fromhex(vector["hex"])


def preorder(tlvs: list[pg.tlv.Tlv]) -> list[pg.tlv.Tlv]:
    return [n for t in tlvs for n in [t, *preorder(t.children)]]


def as_items(tlvs: list[pg.tlv.Tlv]) -> list[Item]:
    return [(t.tag, as_items(t.children) if t.constructed else t.value) for t in tlvs]


def as_pyemv(tlvs: list[pg.tlv.Tlv]) -> dict[str, Any]:
    """pyemv's dict model of decoded objects: a later duplicate tag replaces an earlier one."""
    out: dict[str, Any] = {}
    for t in tlvs:
        out[t.tag] = as_pyemv(t.children) if t.constructed else t.value
    return out


def items_as_dict(items: list[Item]) -> dict[str, Any]:
    return {tag: items_as_dict(v) if isinstance(v, list) else v for tag, v in items}


def depth(items: list[Item]) -> int:
    return max((1 + depth(v) if isinstance(v, list) else 1 for _, v in items), default=0)


# --- published card data -------------------------------------------------------------------


@pytest.mark.parametrize("name", VECTORS)
def test_vector(name: str) -> None:
    v = VECTORS[name]
    data = data_of(v)
    tlvs = pg.tlv.decode(data, strict=v["strict_ok"])
    assert [t.tag for t in preorder(tlvs)] == v["tags"]
    for tag, value in v["expect"].items():
        assert pg.tlv.find(data, tag) == bytes.fromhex(value)
        assert next(t.value for t in preorder(tlvs) if t.tag == tag) == bytes.fromhex(value)
    for t in preorder(tlvs):
        assert t.offset is not None and data[t.offset :].startswith(bytes.fromhex(t.tag))
    if v["strict_ok"]:
        assert pg.tlv.encode(tlvs) == data
        for t in preorder(tlvs):
            assert t.offset is not None
            encoded = pg.tlv.encode([t])
            assert data[t.offset : t.offset + len(encoded)] == encoded


@pytest.mark.parametrize("name", VECTORS)
def test_vector_as_pyemv_reads_it(name: str) -> None:
    data = data_of(VECTORS[name])
    assert as_pyemv(pg.tlv.decode(data)) == pyemv.tlv.decode(data)


def test_find_is_depth_first_and_misses_are_none() -> None:
    # Depth-first: the 9F02 inside the template comes before the later top-level one.
    data = pg.tlv.encode([("70", [("E1", [("9F02", b"\x01")])]), ("9F02", b"\x02")])
    assert pg.tlv.find(data, "9F02") == b"\x01"
    assert pg.tlv.find(data, "9f02", strict=True) == b"\x01"
    assert pg.tlv.find(data, "E1") == bytes.fromhex("9F020101")
    assert pg.tlv.find(data, "5A") is None
    fci = data_of(VECTORS["cb + mastercard ppse fci (two 61 entries)"])
    assert pg.tlv.find(bytearray(fci), "84") == pg.tlv.find(memoryview(fci), "84") == pg.tlv.find(fci, "84")


# --- the Tlv class -------------------------------------------------------------------------


def test_tlv_objects() -> None:
    data = data_of(PAN_RECORD)
    [record] = pg.tlv.decode(data)
    assert (record.tag, record.constructed, record.offset, record.value) == ("70", True, 0, data[2:])
    pan = record.children[0]
    assert (pan.tag, pan.constructed, pan.offset, pan.children) == ("5A", False, 2, [])
    assert pan.value == bytes.fromhex(PAN_RECORD["expect"]["5A"])
    assert record.children is not record.children, "a new list each time"
    record.children.clear()
    assert len(record.children) == 5
    assert record.children[0] is record.children[0], "children are decoded once"
    with pytest.raises(AttributeError):
        pan.tag = "5F20"  # type: ignore[misc]


def test_tlv_equality_and_hash() -> None:
    data = data_of(PAN_RECORD)
    a, b = pg.tlv.decode(data), pg.tlv.decode(bytearray(data))
    assert a == b and a is not b
    assert {hash(t) for t in preorder(a)} == {hash(t) for t in preorder(b)}
    built = pg.tlv.Tlv("5A", bytes.fromhex(PAN_RECORD["expect"]["5A"]))
    assert built == a[0].children[0] and built.offset is None
    assert len({built, a[0].children[0]}) == 1
    assert a[0].children[0] != a[0].children[1]
    assert built != ("5A", built.value)
    assert pg.tlv.Tlv("70", [("5A", b"\x11"), pg.tlv.Tlv("5F24", b"\x22\x12\x31")]) == pg.tlv.decode(
        bytes.fromhex("70095A01115F2403221231")
    )[0]


def test_repr_shows_hex_and_masks_card_data() -> None:
    [record] = pg.tlv.decode(data_of(PAN_RECORD))
    text = repr(record)
    assert text.startswith("Tlv(70, 70, [Tlv(5A, 8, ")
    assert "Tlv(5F24, 3, 221231)" in text
    assert PAN_RECORD["expect"]["5A"] not in text
    [record] = pg.tlv.decode(data_of(TRACK2_RECORD))
    text = repr(record)
    for secret in ("4761739001010119", "EXPIRED", TRACK2_RECORD["expect"]["5F20"], TRACK2_RECORD["expect"]["57"]):
        assert secret not in text


@pytest.mark.parametrize(
    "call",
    [
        lambda: pg.tlv.Tlv("5A", [("5A", b"\x11")]),  # children for a primitive tag
        lambda: pg.tlv.encode([("9F02", [])]),
        lambda: pg.tlv.Tlv("70", b"\x5a\x05\x11"),  # template contents that are not TLV
        lambda: pg.tlv.encode([("70", b"\x5a")]),
        lambda: pg.tlv.Tlv("70", b"\x71\x02\x5a\x05"),  # ... one level further down
        lambda: pg.tlv.Tlv("9F", b""),  # truncated tag
        lambda: pg.tlv.Tlv("5Z", b""),
        lambda: pg.tlv.Tlv("9F8001", b""),  # non-minimal tag
        lambda: pg.tlv.Tlv("00", b""),  # filler, not a tag
    ],
)
def test_items_that_do_not_fit_their_tag(call: Any) -> None:
    with pytest.raises(pg.TlvError) as e:
        call()
    assert e.value.code == 40 and isinstance(e.value, ValueError)


@pytest.mark.parametrize(
    "call",
    [
        lambda: pg.tlv.Tlv("5A", "4761"),  # type: ignore[arg-type]
        lambda: pg.tlv.Tlv("5A", 4761),  # type: ignore[arg-type]
        lambda: pg.tlv.Tlv(0x5A, b"\x11"),  # type: ignore[arg-type]
        lambda: pg.tlv.encode([("5A",)]),  # type: ignore[list-item]
        lambda: pg.tlv.encode([["5A", b"\x11"]]),  # type: ignore[list-item]
        lambda: pg.tlv.encode([("5A", b"\x11", b"")]),  # type: ignore[list-item]
        lambda: pg.tlv.encode([("70", ["5A"])]),  # type: ignore[list-item]
        lambda: pg.tlv.encode(5),  # type: ignore[arg-type]
        lambda: pg.tlv.decode("5A0111"),  # type: ignore[arg-type]
        lambda: pg.tlv.decode([0x5A, 1, 0x11]),  # type: ignore[arg-type]
        lambda: pg.dol.build(b"\x9f\x02\x06", {"9F02": "000000001000"}),  # type: ignore[dict-item]
    ],
)
def test_wrong_types_are_type_errors(call: Any) -> None:
    with pytest.raises(TypeError):
        call()


def test_encode_takes_every_form() -> None:
    expected = bytes.fromhex("9C0101E0055F2A0202089F0200")  # the pyemv docstring example (tlv.json)
    assert data_of(VECTORS["pyemv docstring (constructed E0, empty 9F02)"]) == expected
    forms: list[Any] = [
        [("9C", b"\x01"), ("E0", [("5F2A", b"\x02\x08")]), ("9F02", b"")],
        (("9c", bytearray(b"\x01")), ("e0", (("5f2a", memoryview(b"\x02\x08")),)), ("9F02", b"")),
        pg.tlv.decode(expected),
        [pg.tlv.Tlv("9C", b"\x01"), pg.tlv.Tlv("E0", [pg.tlv.Tlv("5F2A", b"\x02\x08")]), ("9F02", b"")],
    ]
    for items in forms:
        assert pg.tlv.encode(items) == expected
    assert pg.tlv.encode([]) == b""
    # A template may also be given by its encoded contents.
    assert pg.tlv.encode([("9C", b"\x01"), ("E0", b"\x5f\x2a\x02\x02\x08"), ("9F02", b"")]) == expected
    assert pg.tlv.Tlv("E0", b"\x5f\x2a\x02\x02\x08") == pg.tlv.decode(expected)[1]
    assert pg.tlv.Tlv("E0", b"\x5f\x2a\x02\x02\x08").children == [pg.tlv.Tlv("5F2A", b"\x02\x08")]
    assert pg.tlv.encode([("70", b"")]) == b"\x70\x00"


def test_long_form_lengths_are_minimal() -> None:
    # EMV Book 3 Annex B: 1 byte up to 127, then 81 xx, then 82 xx xx.
    for size, header in [(0, "5A00"), (127, "5A7F"), (128, "5A8180"), (255, "5A81FF"), (256, "5A820100")]:
        assert pg.tlv.encode([("5A", bytes(size))]) == bytes.fromhex(header) + bytes(size)


# --- differential against pyemv, properties --------------------------------------------------


def tags(constructed: bool) -> st.SearchStrategy[str]:
    """Well-formed minimal BER tags of 1 to 4 bytes, never starting with the 00/FF filler."""
    form = 0x20 if constructed else 0
    one = st.builds(lambda c, n: bytes([c << 6 | form | n]), st.integers(0, 3), st.integers(0, 30))
    more = st.builds(
        lambda c, middle, last: bytes([c << 6 | form | 0x1F, *middle, last]),
        st.integers(0, 3),
        st.lists(st.integers(0x81, 0xFF), max_size=2),
        st.integers(0, 0x7F),
    )
    return st.one_of(one, more).filter(lambda t: t[0] not in (0x00, 0xFF)).map(lambda t: t.hex().upper())


values = st.one_of(st.binary(max_size=24), st.binary(min_size=120, max_size=300))


def trees(unique: bool, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[Item]]:
    """Random well-formed trees; `unique`: no tag twice in one template (what pyemv's dicts can hold)."""
    by_tag = (lambda item: item[0]) if unique else None
    node = st.recursive(
        st.tuples(tags(False), values),
        lambda children: st.tuples(tags(True), st.lists(children, max_size=5, unique_by=by_tag)),
        max_leaves=12,
    )
    forest = st.lists(node, min_size=min_size, max_size=max_size, unique_by=by_tag)
    return forest.filter(lambda items: depth(items) <= 15)


@settings(max_examples=EXAMPLES)
@given(trees(unique=True))
def test_pyemv_reads_our_encoding(items: list[Item]) -> None:
    data = pg.tlv.encode(items)
    assert pyemv.tlv.decode(data) == items_as_dict(items)
    assert pyemv.tlv.encode(items_as_dict(items)) == data


@settings(max_examples=EXAMPLES)
@given(trees(unique=True))
def test_we_read_pyemv_encoding(items: list[Item]) -> None:
    data = pyemv.tlv.encode(items_as_dict(items))
    assert as_items(pg.tlv.decode(data, strict=True)) == items
    assert as_pyemv(pg.tlv.decode(data)) == pyemv.tlv.decode(data)


@settings(max_examples=EXAMPLES)
@given(trees(unique=False))
def test_decode_encode_round_trip(items: list[Item]) -> None:
    data = pg.tlv.encode(items)
    tlvs = pg.tlv.decode(data, strict=True)
    assert as_items(tlvs) == items
    assert [pg.tlv.Tlv(*item) for item in items] == tlvs
    assert pg.tlv.encode(tlvs) == data
    assert pg.tlv.encode([pg.tlv.Tlv(*item) for item in items]) == data


@settings(max_examples=EXAMPLES)
@given(trees(unique=False, max_size=1))
def test_every_truncation_is_an_error(items: list[Item]) -> None:
    data = pg.tlv.encode(items)
    for end in range(len(data)):
        for strict in (True, False):
            with pytest.raises(pg.TlvError) as e:
                pg.tlv.decode(data[:end], strict=strict)
            assert 0 <= e.value.offset <= end


def corrupted() -> st.SearchStrategy[bytes]:
    """Valid encodings with a few bytes overwritten: input that gets deep into the parser."""

    def corrupt(data: bytes, edits: list[tuple[int, int]]) -> bytes:
        out = bytearray(data)
        for at, byte in edits:
            out[at % len(out)] = byte
        return bytes(out)

    edits = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), min_size=1, max_size=3)
    return st.builds(corrupt, trees(unique=False).map(pg.tlv.encode), edits)


@settings(max_examples=EXAMPLES)
@given(st.one_of(st.binary(max_size=300), corrupted()), st.booleans())
def test_any_bytes_decode_or_raise_tlv_error(data: bytes, strict: bool) -> None:
    try:
        tlvs = pg.tlv.decode(data, strict=strict)
    except pg.TlvError as e:
        assert e.code == 40 and 0 <= e.offset <= len(data)
        with pytest.raises(pg.TlvError):
            pg.tlv.describe(data, strict=strict)
        return
    everything = preorder(tlvs)  # decodes every template
    assert all(t.offset is not None and 0 <= t.offset < len(data) for t in everything)
    assert all(data.find(t.value, t.offset) >= 0 for t in everything)
    repr(tlvs)
    assert as_items(pg.tlv.decode(pg.tlv.encode(tlvs))) == as_items(tlvs)
    assert isinstance(pg.tlv.describe(data, strict=strict, show_sensitive=True), str)
    if everything:
        assert pg.tlv.find(data, everything[-1].tag) is not None


# --- bad input -----------------------------------------------------------------------------

# (hex, offset): where EMV Book 3 Annex B coding breaks, as documented on TlvError.
MALFORMED = {
    "empty input": ("", 0),
    "only 00/FF filler": ("00FF00", 0),
    "truncated 2-byte tag": ("9F", 1),
    "truncated 3-byte tag after an object": ("5A01119F8F", 5),
    "tag longer than 4 bytes": ("9F8182830100", 0),
    "missing length": ("5A", 1),
    "truncated long-form length": ("5A8201", 3),
    "5-byte length": ("5A85000000000111", 1),
    "indefinite length": ("70805A01110000", 1),
    "value past the end": ("5A051122", 1),
    "value past the end of its template": ("70045A051122", 3),
    "truncated tag inside a template": ("70029F81", 4),
    "template holding a half object": ("70035A0211", 3),
}
STRICT_ONLY = {
    "trailing filler": ("5A011100", 3),
    "non-minimal length": ("5A810111", 1),
    "non-minimal tag": ("9F80020100", 1),
}


@pytest.mark.parametrize("case", MALFORMED)
@pytest.mark.parametrize("strict", [False, True])
def test_malformed_input(case: str, strict: bool) -> None:
    data, offset = MALFORMED[case]
    for call in (pg.tlv.decode, pg.tlv.describe):
        with pytest.raises(pg.TlvError) as e:
            call(bytes.fromhex(data), strict=strict)
        assert (e.value.code, e.value.offset) == (40, offset), e.value
        assert isinstance(e.value, pg.InvalidInputError) and isinstance(e.value, ValueError)


@pytest.mark.parametrize("case", STRICT_ONLY)
def test_strict_mode_rejects_what_cards_send(case: str) -> None:
    data, offset = STRICT_ONLY[case]
    assert len(pg.tlv.decode(bytes.fromhex(data))) == 1
    with pytest.raises(pg.TlvError) as e:
        pg.tlv.decode(bytes.fromhex(data), strict=True)
    assert (e.value.code, e.value.offset) == (40, offset), e.value


def nested(levels: int) -> bytes:
    data = b""
    for _ in range(levels):
        data = b"\xe0" + bytes([len(data)]) + data
    return data


def test_nesting_limit() -> None:
    # 16 levels is the limit; the 17th template starts after 16 two-byte headers.
    assert len(preorder(pg.tlv.decode(nested(16)))) == 16
    with pytest.raises(pg.TlvError) as e:
        pg.tlv.decode(nested(17))
    assert e.value.offset == 32
    deep: Item = ("E0", [])
    for _ in range(20):
        deep = ("E0", [deep])
    with pytest.raises(pg.TlvError):
        pg.tlv.encode([deep])
    endless: list[Any] = []
    endless.append(("E0", endless))
    with pytest.raises(pg.TlvError):
        pg.tlv.encode(endless)


def test_size_limit() -> None:
    with pytest.raises(pg.TlvError) as e:
        pg.tlv.decode(pg.tlv.encode([("DF01", bytes(1 << 20))]))
    assert e.value.offset == 0


def test_errors_carry_no_card_data() -> None:
    data = data_of(TRACK2_RECORD)
    with pytest.raises(pg.TlvError) as e:
        pg.tlv.decode(data[:-1])
    text = f"{e.value} {e.value!r}"
    for secret in ("4761739001010119", "EXPIRED", TRACK2_RECORD["expect"]["57"], TRACK2_RECORD["expect"]["5F20"]):
        assert secret not in text


# --- the dictionary and the decoder for people ------------------------------------------------


def test_tag_info_from_book_3() -> None:
    amount = pg.tlv.tag_info("9F02")
    assert amount is not None
    assert (amount.tag, amount.name, amount.format, amount.source) == (
        "9F02",
        "Amount, Authorised (Numeric)",
        "n",
        "terminal",
    )
    assert (amount.min_length, amount.max_length, amount.sensitive) == (6, 6, False)
    pan = pg.tlv.tag_info("5a")
    assert pan is not None and pan.sensitive and (pan.format, pan.source, pan.max_length) == ("cn", "icc", 10)
    assert pan == pg.tlv.tag_info("5A") and pan != amount
    assert "sensitive=True" in repr(pan)
    for sensitive in ("57", "5F20", "56"):
        info = pg.tlv.tag_info(sensitive)
        assert info is not None and info.sensitive, sensitive
    assert pg.tlv.tag_info("DF7F") is None
    with pytest.raises(pg.TlvError):
        pg.tlv.tag_info("9F")


def test_registered_tags_are_used_everywhere() -> None:
    assert pg.tlv.tag_info("DF7E") is None
    pg.tlv.register_tag("DF7E", "Rig test counter", "n", "terminal", min_length=2, max_length=2)
    info = pg.tlv.tag_info("DF7E")
    assert info is not None
    assert (info.name, info.format, info.source, info.min_length, info.max_length, info.sensitive) == (
        "Rig test counter",
        "n",
        "terminal",
        2,
        2,
        False,
    )
    assert pg.tlv.describe(bytes.fromhex("DF7E020042")) == "DF7E Rig test counter: 0042\n"
    assert pg.dol.build(bytes.fromhex("DF7E03"), {"DF7E": b"\x42"}) == bytes.fromhex("000042"), "n: padded left"

    pg.tlv.register_tag("DF7D", "Rig secret", "b", sensitive=True)
    secret = bytes.fromhex("DF7D0412345678")
    assert "12345678" not in pg.tlv.describe(secret) and "12345678" not in repr(pg.tlv.decode(secret))
    assert "DF7D Rig secret: 12345678" in pg.tlv.describe(secret, show_sensitive=True)

    with pytest.raises(pg.InvalidInputError) as e:
        pg.tlv.register_tag("DF7C", "Bad", "z")  # type: ignore[arg-type]
    assert e.value.code == 16
    with pytest.raises(pg.InvalidInputError) as e:
        pg.tlv.register_tag("DF7C", "Bad", "b", "card")  # type: ignore[arg-type]
    assert e.value.code == 16
    assert pg.tlv.tag_info("DF7C") is None


def test_describe_names_and_decodes() -> None:
    text = pg.tlv.describe(data_of(PAN_RECORD))
    assert text.splitlines()[0] == "70 READ RECORD Response Message Template"
    assert "   5F24 Application Expiration Date: 221231 (2022-12-31)" in text.splitlines()


def test_describe_masks_card_data_unless_asked() -> None:
    pan = PAN_RECORD["expect"]["5A"]
    assert pan == "4761739001010119"
    masked = pg.tlv.describe(data_of(PAN_RECORD))
    assert pan not in masked and pan[:12] not in masked and pan[4:] not in masked
    assert pan in pg.tlv.describe(data_of(PAN_RECORD), show_sensitive=True)

    name = bytes.fromhex(TRACK2_RECORD["expect"]["5F20"]).decode()
    assert name == "EXPIRED/CARD"
    masked = pg.tlv.describe(data_of(TRACK2_RECORD))
    for secret in (name, "EXPIRED", TRACK2_RECORD["expect"]["5F20"], pan, TRACK2_RECORD["expect"]["57"]):
        assert secret not in masked
    clear = pg.tlv.describe(memoryview(data_of(TRACK2_RECORD)), show_sensitive=True, strict=True)
    assert name in clear and pan in clear


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tag": "DF7C", "name": "x", "format": "b", "min_length": 9, "max_length": 1},
        {"tag": "DF7C", "name": "x", "format": "template"},
        {"tag": "70", "name": "x", "format": "b"},
        {"tag": "DF7C", "name": "", "format": "b"},
        {"tag": "DF7C", "name": "x", "format": "bcd"},
        {"tag": "DF7C", "name": "x", "format": "b", "source": "card"},
    ],
)
def test_self_contradicting_tag_definitions_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(pg.InvalidInputError) as e:
        pg.tlv.register_tag(**kwargs)
    assert e.value.code == 16
    assert pg.tlv.tag_info("DF7C") is None
