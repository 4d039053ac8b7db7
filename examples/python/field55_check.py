"""A QA-bench style check of the EMV data (ISO 8583 field 55) a terminal sends with an authorisation.

The rig decodes field 55 strictly, checks that the tags an issuer needs to verify the
ARQC are all there and that the amount matches the one in the request, prints the
data as a tree (card data would be masked), and rebuilds the CDOL1 data the card was
given for GENERATE AC from the same values, using the card's CDOL1.

The field 55 is CyberSource's public Apple Pay sample (cybersource-rest-samples-python)
and the CDOL1 comes from openemv/emv-utils' Visa test card record; both are in
core/tests/vectors/tlv.json. Run it with the installed wheel:
`python examples/python/field55_check.py`.
"""

import sys

import posguard as pg

FIELD_55 = bytes.fromhex(
    "9C01019A031207109F33036040209F1A0207849F370482766E409F3602001F82025C009F2608EF7753429A5D16B1"
    "9F100706010A03A00000950580000400009F02060000000700009F6E0482766E409F5B04123456789F2701809F34"
    "03AB12349F0902AB129F4104AB1234AB9F0702AB129F0610123456789012345678901234567890AB9F0302000"
    "05F2A0207849F7C031234569F350123"
)
CDOL1 = bytes.fromhex("9F02069F03069F1A0295055F2A029A039C019F3704")
REQUEST_AMOUNT = bytes.fromhex("000000070000")  # field 4 of the same request, n 12

# What an issuer needs to recompute and check the ARQC (EMV Book 2, 8.1; scheme field 55 specs).
REQUIRED = ["9F26", "9F27", "9F10", "9F37", "9F36", "95", "9A", "9C", "9F02", "5F2A", "82", "9F1A", "9F33"]


def step(text: str) -> None:
    print(f"  - {text}")


def main() -> int:
    print(f"posguard {pg.__version__}: field 55 check")

    objects = pg.tlv.decode(FIELD_55, strict=True)  # raises pg.TlvError with the offset of a fault
    values = {t.tag: t.value for t in objects}
    step(f"{len(objects)} data objects, {len(FIELD_55)} bytes")

    missing = [tag for tag in REQUIRED if tag not in values]
    if missing:
        print(f"FAIL: missing {', '.join(missing)}")
        return 1
    step("every tag the issuer needs for the ARQC is present")

    if pg.tlv.find(FIELD_55, "9F02") != REQUEST_AMOUNT:
        print("FAIL: 9F02 differs from the request amount")
        return 1
    step("amount authorised matches field 4")

    print(pg.tlv.describe(FIELD_55), end="")

    cdol1_data = pg.dol.build(CDOL1, values)
    step(f"CDOL1 {[f'{tag}:{n}' for tag, n in pg.dol.parse(CDOL1)]}")
    step(f"GENERATE AC data rebuilt from field 55: {cdol1_data.hex().upper()}")
    if len(cdol1_data) != sum(n for _, n in pg.dol.parse(CDOL1)):
        print("FAIL: CDOL1 data has the wrong length")
        return 1

    if pg.tlv.encode(objects) != FIELD_55:
        print("FAIL: re-encoding changed field 55")
        return 1
    step("re-encoded field 55 is byte-for-byte the original")

    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
