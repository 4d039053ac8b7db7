"""TR-31 / X9.143 / ISO 20038 key blocks: the published vectors (core/tests/vectors/tr31.json),
round trips for every version, every single-bit flip rejected, and bad input as typed errors."""

from typing import Any

import posguard as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import vectors

TR31_VECTORS = vectors("tr31.json")
AES_KBPK = pg.Key(bytes(range(32)), "aes", "kbpk")
TDES_KBPK = pg.Key(bytes(range(1, 25)), "tdes", "kbpk")
TDES_PIN = pg.Key(bytes.fromhex("0123456789ABCDEFFEDCBA9876543210"), "tdes", "pin")


def ids(v: dict[str, Any]) -> str:
    return str(v["name"])


def kbpk_of(v: dict[str, Any]) -> pg.Key:
    return pg.Key(bytes.fromhex(v["kbpk"]), v["kbpk_algorithm"], "kbpk")


@pytest.mark.parametrize("v", TR31_VECTORS, ids=ids)
def test_published_key_blocks(v: dict[str, Any]) -> None:
    kbpk = kbpk_of(v)
    if v.get("error_code") is not None:
        with pytest.raises(pg.PosguardError) as e:
            pg.tr31.unwrap(kbpk, v["block"], strict=v["strict"], allow_version_a=v["allow_version_a"])
        assert e.value.code == v["error_code"]
        return
    key = pg.tr31.unwrap(kbpk, v["block"], strict=v["strict"], allow_version_a=v["allow_version_a"])
    assert key.export_clear().hex().upper() == v["key"]
    assert (key.usage_code, key.algorithm, key.mode) == (v["usage"], v["algorithm"], v["mode"])
    header = pg.tr31.inspect(v["block"])
    assert (header.version, header.length) == (v["version"], len(v["block"]))
    assert (header.usage, header.usage_code) == (key.usage, key.usage_code)
    assert (header.algorithm, header.mode) == (key.algorithm, key.mode)
    assert (header.key_version, header.exportability) == (v["key_version"], v["exportability"])
    assert [i + d for i, d in header.optional_blocks] == v["optional_blocks"]
    assert "Header(" in repr(header)
    # Lenient mode accepts every strict block too; version A needs the legacy option.
    assert pg.tr31.unwrap(kbpk, v["block"], strict=False, allow_version_a=True).export_clear() == key.export_clear()
    if v["version"] == "A":
        with pytest.raises(pg.KeyUsageError) as e:
            pg.tr31.unwrap(kbpk, v["block"], strict=False)
        assert e.value.code == 51


@pytest.mark.parametrize("v", [v for v in TR31_VECTORS if v.get("pad")], ids=ids)
def test_wrap_reproduces_published_block(v: dict[str, Any]) -> None:
    pad = bytes.fromhex(v["pad"])

    def published_pad(n: int) -> bytes:
        assert n == len(pad)
        return pad

    key = pg.Key(bytes.fromhex(v["key"]), v["algorithm"], v["usage"], v["mode"])
    block = pg.tr31.wrap(
        kbpk_of(v),
        key,
        version=v["version"],
        key_version=v["key_version"],
        exportability=v["exportability"],
        optional_blocks=[(b[:2], b[2:]) for b in v["optional_blocks"] if not b.startswith("PB")],
        mask_key_length=v["mask_key_length"],
        rng=published_pad,
    )
    assert block == v["block"]


def test_there_are_vectors() -> None:
    assert len(TR31_VECTORS) >= 10 and len([v for v in TR31_VECTORS if v.get("pad")]) >= 2


KEYS = [
    pg.Key(bytes.fromhex("0123456789ABCDEFFEDCBA9876543210"), "tdes", "pin"),
    pg.Key(bytes(range(100, 124)), "tdes", "M3", "G"),
    pg.Key(bytes(range(16)), "aes", "data", "E"),
    pg.Key(bytes(range(32)), "aes", "kek"),
    pg.Key(bytes(range(50, 82)), "hmac", "mac_hmac"),
]


@pytest.mark.parametrize("version", "BCDE")
@pytest.mark.parametrize("key", KEYS, ids=lambda k: f"{k.kind}-{k.usage_code}{k.mode}")
@pytest.mark.parametrize("mask", [True, False])
def test_wrap_unwrap_round_trip(version: str, key: pg.Key, mask: bool) -> None:
    kbpk = AES_KBPK if version in "DE" else TDES_KBPK
    if key.algorithm != "tdes" and version in "BC":
        with pytest.raises(pg.KeyUsageError):  # a TDES KBPK is weaker than any AES / HMAC key
            pg.tr31.wrap(kbpk, key, version=version)
        return
    blocks = [("KS", "00604B120F9292800000"), ("TS", "20200818221218Z"), ("KC", ""), ("KP", "")]
    if key.algorithm == "hmac":
        # Check values (KC) are defined for block cipher keys only: an HMAC key's KC is refused.
        with pytest.raises(pg.KeyUsageError):
            pg.tr31.wrap(kbpk, key, version=version, optional_blocks=blocks)
        blocks = [b for b in blocks if b[0] != "KC"]
    block = pg.tr31.wrap(kbpk, key, version=version.lower(), key_version="c1", optional_blocks=blocks, mask_key_length=mask)
    assert block[0] == version and int(block[1:5]) == len(block)
    out = pg.tr31.unwrap(kbpk, block, strict=mask)
    assert out.export_clear() == key.export_clear()
    assert (out.algorithm, out.usage, out.usage_code, out.mode) == (key.algorithm, key.usage, key.usage_code, key.mode)
    header = pg.tr31.inspect(block)
    assert (header.version, header.key_version, header.exportability) == (version, "c1", "N")
    assert [i for i, _ in header.optional_blocks][: len(blocks)] == [i for i, _ in blocks]
    assert dict(header.optional_blocks)["KS"] == "00604B120F9292800000"
    if version != "E":
        # The random padding differs between two wraps (E pads only to mask a short key's length).
        assert pg.tr31.wrap(kbpk, key, version=version) != pg.tr31.wrap(kbpk, key, version=version)


def test_wrap_defaults_and_exportability() -> None:
    block = pg.tr31.wrap(AES_KBPK, TDES_PIN)
    h = pg.tr31.inspect(block)
    assert (h.version, h.key_version, h.exportability, h.usage, h.algorithm, h.mode) == ("D", "00", "N", "pin", "tdes", "B")
    for exp in ("E", "S", "n", "exportable"):
        assert pg.tr31.inspect(pg.tr31.wrap(AES_KBPK, TDES_PIN, exportability=exp)).exportability == exp[0].upper()
    assert pg.tr31.wrap(AES_KBPK, TDES_PIN, rng=lambda n: bytes(n)) == pg.tr31.wrap(AES_KBPK, TDES_PIN, rng=bytes)
    kek = pg.Key(bytes(range(32)), "aes", "kek")  # K0 KBPKs are allowed too
    assert pg.tr31.unwrap(kek, pg.tr31.wrap(kek, TDES_PIN)).export_clear() == TDES_PIN.export_clear()


def test_every_single_bit_flip_is_rejected() -> None:
    for kbpk, version in ((AES_KBPK, "D"), (AES_KBPK, "E"), (TDES_KBPK, "B"), (TDES_KBPK, "C")):
        block = pg.tr31.wrap(kbpk, TDES_PIN, version=version, optional_blocks=[("KS", "0123456789ABCDEF0000")])
        for i in range(len(block)):
            for bit in range(7):
                flipped = block[:i] + chr(ord(block[i]) ^ (1 << bit)) + block[i + 1 :]
                with pytest.raises(pg.PosguardError):
                    pg.tr31.unwrap(kbpk, flipped)
                if flipped[i].lower() == block[i].lower():
                    continue  # lenient mode reads lower-case hex: the same key data and MAC
                with pytest.raises(pg.PosguardError):
                    pg.tr31.unwrap(kbpk, flipped, strict=False, allow_version_a=True)


def test_flipped_payload_or_mac_is_an_integrity_error() -> None:
    block = pg.tr31.wrap(AES_KBPK, TDES_PIN)
    for i in (16, len(block) // 2, len(block) - 1):
        c = "0" if block[i] != "0" else "1"
        with pytest.raises(pg.IntegrityError) as e:
            pg.tr31.unwrap(AES_KBPK, block[:i] + c + block[i + 1 :])
        assert e.value.code == 22
    with pytest.raises(pg.IntegrityError):
        pg.tr31.unwrap(pg.Key(bytes(range(1, 33)), "aes", "kbpk"), block)


@settings(max_examples=200)
@given(st.text(max_size=120))
def test_random_text_never_crashes(text: str) -> None:
    for call in (lambda: pg.tr31.inspect(text), lambda: pg.tr31.unwrap(AES_KBPK, text, strict=False)):
        try:
            call()
        except pg.PosguardError:
            pass


def raises(exc: type[pg.PosguardError], code: int | None, call: Any) -> pg.PosguardError:
    with pytest.raises(exc) as e:
        call()
    if code is not None:
        assert e.value.code == code, e.value
    return e.value


GOOD = pg.tr31.wrap(AES_KBPK, TDES_PIN)


def test_malformed_headers_are_key_block_errors_with_offset() -> None:
    cases = {
        "empty": ("", None),
        "unknown version": ("Z" + GOOD[1:], 0),
        "length not digits": (GOOD[:1] + "01X2" + GOOD[5:], None),
        "length mismatch": (GOOD[:-2], 1),
        "non-hex payload": (GOOD[:20] + "G" + GOOD[21:], 20),
        "non-hex mac": (GOOD[:-1] + "z", len(GOOD) - 1),
    }
    for name, (block, offset) in cases.items():
        e = raises(pg.KeyBlockError, 50, lambda b=block: pg.tr31.unwrap(AES_KBPK, b))
        assert isinstance(e, pg.InvalidInputError) and isinstance(e, ValueError)
        assert isinstance(e.offset, int), name  # type: ignore[attr-defined]
        assert 0 <= e.offset <= len(block), name  # type: ignore[attr-defined]
        if offset is not None:
            assert e.offset == offset, (name, e.offset)  # type: ignore[attr-defined]
        raises(pg.KeyBlockError, 50, lambda b=block: pg.tr31.inspect(b))


def test_unknown_usage_code_is_refused() -> None:
    block = GOOD[:5] + "Z9" + GOOD[7:]
    e = raises(pg.InvalidInputError, None, lambda: pg.tr31.inspect(block))
    assert e.code in (6, 50)


def test_kbpk_and_key_policy() -> None:
    # Wrong KBPK usage / mode / algorithm for the version: KeyUsageError.
    raises(pg.KeyUsageError, None, lambda: pg.tr31.unwrap(pg.Key(bytes(range(32)), "aes", "pin"), GOOD))
    raises(pg.KeyUsageError, None, lambda: pg.tr31.unwrap(pg.Key(bytes(range(32)), "aes", "kbpk", "E"), GOOD))
    raises(pg.KeyUsageError, None, lambda: pg.tr31.wrap(pg.Key(bytes(range(32)), "aes", "kbpk", "D"), TDES_PIN))
    raises(pg.KeyUsageError, None, lambda: pg.tr31.unwrap(TDES_KBPK, GOOD))
    raises(pg.KeyUsageError, None, lambda: pg.tr31.wrap(TDES_KBPK, TDES_PIN, version="D"))
    raises(pg.KeyUsageError, 51, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, version="A"))
    raises(pg.KeyUsageError, None, lambda: pg.tr31.wrap(pg.Key(bytes(range(16)), "aes", "kbpk"), KEYS[3]))


def test_bad_wrap_arguments() -> None:
    raises(pg.InvalidInputError, 16, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, version="F"))
    raises(pg.InvalidInputError, 16, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, version="DD"))
    raises(pg.InvalidInputError, 16, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, exportability="X"))
    raises(pg.InvalidInputError, 16, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, key_version="0"))
    raises(pg.InvalidInputError, None, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, optional_blocks=[("P", "x")]))
    raises(pg.InvalidInputError, None, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, optional_blocks=[("PB", "00")]))
    with pytest.raises(TypeError):
        pg.tr31.wrap(AES_KBPK, TDES_PIN, optional_blocks="KS00")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.tr31.unwrap(AES_KBPK, GOOD.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.tr31.unwrap(AES_KBPK, GOOD, True)  # type: ignore[misc]


def test_failing_rng_fails_the_wrap() -> None:
    def broken(n: int) -> bytes:
        raise OSError("no entropy")

    e = raises(pg.PosguardError, 30, lambda: pg.tr31.wrap(AES_KBPK, TDES_PIN, rng=broken))
    assert isinstance(e.__cause__, OSError)


def test_module_surface() -> None:
    assert set(pg.tr31.__all__) == {"Header", "inspect", "unwrap", "wrap"}
    assert isinstance(pg.tr31.inspect(GOOD), pg.tr31.Header)
