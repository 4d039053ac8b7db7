"""posguard.dol: the CDOLs of a published card record, DOL data by EMV Book 3 section 5.4, bad DOLs.

Every expected DOL data string is written by hand from the rules of Book 3, 5.4: a value
longer than asked is truncated on the left when its format is n and on the right otherwise;
a shorter one is padded with leading zeros (n), trailing F (cn) or trailing zeros (others);
an absent value, or a template, is all zeros. Formats are those of Book 3 Annex A.
"""

from typing import Any

import posguard as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import vectors

RECORD = next(v for v in vectors("tlv.json") if v["name"] == "read record PAN + CDOL1 + CDOL2 (Visa test PAN)")
CDOL1 = bytes.fromhex(RECORD["expect"]["8C"])
CDOL2 = bytes.fromhex(RECORD["expect"]["8D"])


def test_parse_published_cdols() -> None:
    assert pg.dol.parse(CDOL1) == [
        ("9F02", 6),
        ("9F03", 6),
        ("9F1A", 2),
        ("95", 5),
        ("5F2A", 2),
        ("9A", 3),
        ("9C", 1),
        ("9F37", 4),
    ]
    assert pg.dol.parse(bytearray(CDOL2)) == [
        ("8A", 2),
        ("9F02", 6),
        ("9F03", 6),
        ("9F1A", 2),
        ("95", 5),
        ("5F2A", 2),
        ("9A", 3),
        ("9C", 1),
        ("9F37", 4),
        ("91", 8),
    ]
    assert pg.dol.parse(b"") == []


def test_build_cdol1() -> None:
    values = {
        "9F02": bytes.fromhex("000000001000"),  # n 6, exact
        "9F03": bytes.fromhex("0500"),  # n 6, short: leading zeros
        "9f1a": bytes.fromhex("010826"),  # n 2, long: leftmost byte dropped (any case of tag)
        "95": bytes.fromhex("800004"),  # b 5, short: trailing zeros
        # 5F2A absent: zeros
        "9A": bytes.fromhex("251231"),
        "9C": b"\x00",
        "9F37": bytes.fromhex("112233445566"),  # b 4, long: rightmost bytes dropped
        "9F36": bytes.fromhex("0001"),  # not in the DOL: ignored
    }
    expected = "000000001000" "000000000500" "0826" "8000040000" "0000" "251231" "00" "11223344"
    assert pg.dol.build(CDOL1, values) == bytes.fromhex(expected)
    assert pg.dol.build(CDOL1, {}) == bytes(6 + 6 + 2 + 5 + 2 + 3 + 1 + 4)


def test_build_text_compressed_numeric_and_templates() -> None:
    dol = bytes.fromhex("5A0A 9F1C08 9F4E04 5A04 7002".replace(" ", ""))
    values: dict[str, Any] = {
        "5A": bytes.fromhex("4761739001010119"),  # cn: padded with F, truncated on the right
        "9F1C": bytearray(b"T1"),  # an: trailing zeros
        "9F4E": memoryview(b"SHOP-1"),  # ans: truncated on the right
        "70": b"\x01\x02",  # a template: always zeros
    }
    expected = "4761739001010119FFFF" "5431000000000000" "53484F50" "47617390" "0000"
    assert pg.dol.build(dol, values) == bytes.fromhex(expected)


# (DOL hex, offset of the fault)
MALFORMED = {
    "truncated tag": ("9F", 1),
    "missing length": ("9F0206 9F02", 5),
    "truncated long-form length": ("9F0281", 3),
    "indefinite length": ("9F0280", 2),
    "5-byte length": ("9F028500000000", 2),
    "tag longer than 4 bytes": ("9F8182830100", 0),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_dol(case: str) -> None:
    dol = bytes.fromhex(MALFORMED[case][0].replace(" ", ""))
    offset = MALFORMED[case][1]
    for call in (lambda: pg.dol.parse(dol), lambda: pg.dol.build(dol, {})):
        with pytest.raises(pg.TlvError) as e:
            call()
        assert (e.value.code, e.value.offset) == (41, offset), e.value


def test_bad_values() -> None:
    with pytest.raises(pg.TlvError):
        pg.dol.build(CDOL1, {"9G02": b""})
    with pytest.raises(TypeError):
        pg.dol.build(CDOL1, [("9F02", b"")])  # type: ignore[arg-type]


@settings(max_examples=500)
@given(st.binary(max_size=64), st.dictionaries(st.sampled_from(["9F02", "5A", "95", "9F1C", "DF01"]), st.binary()))
def test_any_dol_parses_or_raises(dol: bytes, values: dict[str, bytes]) -> None:
    try:
        entries = pg.dol.parse(dol)
    except pg.TlvError as e:
        assert e.code == 41 and 0 <= e.offset <= len(dol)
        return
    try:
        data = pg.dol.build(dol, values)
    except pg.InvalidInputError as e:
        assert sum(n for _, n in entries) > 4096, e  # the core's bound on DOL data
        return
    assert len(data) == sum(n for _, n in entries)
