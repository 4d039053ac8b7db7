"""The Python surface: Key attributes, buffers, rng, translation, and what repr shows."""

import array
from collections.abc import Callable

import posguard as pg
import pytest
from hypothesis import given
from hypothesis import strategies as st

TDES = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
AES = bytes.fromhex("000102030405060708090A0B0C0D0E0F")
PAN = "4012345678909"
# Published: psec generate_kcv docstring and core/tests/vectors/kcv.json (08D7...).
TDES_KCV_PREFIX = bytes.fromhex("08D7")


def test_key_attributes() -> None:
    k = pg.Key(TDES, algorithm="tdes", usage="pin")
    assert (k.algorithm, k.usage, k.usage_code, k.mode, k.kind) == ("tdes", "pin", "P0", "B", "TDES-2key")
    k = pg.Key(AES + AES, "AES", "P0", mode="E")
    assert (k.algorithm, k.usage, k.usage_code, k.mode, k.kind) == ("aes", "pin", "P0", "E", "AES-256")
    assert pg.Key(TDES[:8], "des", "mac").kind == "DES"
    assert pg.Key(AES, "sm4", "kek").usage_code == "K0"


def test_kcv_forms() -> None:
    k = pg.Key(TDES, "tdes", "kek")
    assert k.kcv()[:2] == TDES_KCV_PREFIX
    assert len(k.kcv()) == 3 and len(k.kcv(8)) == 8 and len(k.kcv_unionpay()) == 4
    assert k.kcv_unionpay()[:3] == k.kcv() == k.kcv(3, "zero_block") == k.kcv(length=3, method=None)
    k.verify_kcv(k.kcv(5))
    k.verify_kcv(bytearray(k.kcv_unionpay()))
    k.verify_kcv(memoryview(k.kcv(2, "cmac")), "cmac")


def test_repr_and_export() -> None:
    k = pg.Key(TDES, "tdes", "pin")
    text = repr(k) + str(k)
    assert "TDES-2key" in text and "08D7" in text
    for needle in (TDES.hex(), TDES.hex().upper(), TDES[:4].hex(), TDES[-4:].hex().upper(), repr(TDES)):
        assert needle not in text
    assert k.export_clear() == TDES


def test_buffers_are_accepted_and_left_intact() -> None:
    mutable = bytearray(TDES)
    for material in (TDES, mutable, memoryview(mutable), memoryview(b"xx" + TDES)[2:], memoryview(array.array("B", TDES))):
        assert pg.Key(material, "tdes", "pin").export_clear() == TDES
    assert mutable == TDES  # reading through a memoryview copies; the caller's buffer is untouched
    key = pg.Key(mutable, "tdes", "pin")
    mutable[:] = bytes(len(mutable))  # the caller wipes its copy; the key keeps its own
    assert key.export_clear() == TDES
    block = pg.pin.encrypt("4821", PAN, key)
    for b in (block, bytearray(block), memoryview(block), memoryview(bytearray(b"\0" + block))[1:]):
        assert pg.pin.decrypt(b, PAN, key) == "4821"
    clear = pg.pin.encode("4821", PAN, 0)
    assert pg.pin.decode(memoryview(bytearray(clear)), PAN, "iso0") == "4821"


@pytest.mark.parametrize("fmt", [0, 1, 2, 3, 4, "sm4", "iso0", "ISO-3", "format4", "4"])
@given(pin=st.text("0123456789", min_size=4, max_size=12))
def test_round_trips_through_every_format_spelling(fmt: int | str, pin: str) -> None:
    algorithm = {4: "aes", "format4": "aes", "4": "aes", "sm4": "sm4"}.get(fmt, "tdes")
    key = pg.Key(AES if algorithm != "tdes" else TDES, algorithm, "pin")
    pan = "5412751234567890"
    assert pg.pin.decrypt(pg.pin.encrypt(pin, pan, key, fmt), pan, key, fmt) == pin
    assert pg.pin.decode(pg.pin.encode(pin, pan, fmt), pan, fmt) == pin


def test_rng_callable_makes_encoding_reproducible() -> None:
    def counter(seed: int) -> Callable[[int], bytes]:
        state = seed

        def rng(n: int) -> bytes:
            nonlocal state
            out = bytes((state + i) % 256 for i in range(n))
            state += n
            return out

        return rng

    for fmt in (1, 3, 4):
        assert pg.pin.encode("4821", PAN, fmt, rng=counter(7)) == pg.pin.encode("4821", PAN, fmt, rng=counter(7))
        assert pg.pin.encode("4821", PAN, fmt, rng=counter(7)) != pg.pin.encode("4821", PAN, fmt, rng=counter(99))
    assert pg.pin.encode("4821", None, 4, rng=lambda n: bytearray(b"\x5a" * n))[8:] == b"\x5a" * 8
    key = pg.Key(AES, "aes", "pin")
    assert pg.pin.encrypt("4821", PAN, key, 4, rng=counter(1)) == pg.pin.encrypt("4821", PAN, key, 4, rng=counter(1))


def test_translate_between_keys_and_formats() -> None:
    pan = "5412751234567890"
    terminal = pg.Key(AES, "aes", "pin")
    host = pg.Key(TDES, "tdes", "pin")
    sm4_host = pg.Key(AES[::-1], "sm4", "pin")
    block = pg.pin.encrypt("482193", pan, terminal, 4)
    to_host = pg.pin.translate(block, pan, terminal, 4, host, 0)
    assert pg.pin.decrypt(to_host, pan, host, 0) == "482193"
    to_sm4 = pg.pin.translate(bytearray(to_host), pan, host, "iso0", sm4_host, "sm4")
    assert pg.pin.decrypt(to_sm4, pan, sm4_host, "sm4") == "482193"
    icc = pg.pin.translate(pg.pin.encrypt("4821", None, host, 1), None, host, 1, host, 2)
    assert pg.pin.decrypt(icc, None, host, 2) == "4821"


def test_module_surface() -> None:
    assert pg.__version__
    assert set(pg.pin.__all__) == {"encode", "decode", "encrypt", "decrypt", "translate", "check_policy"}
    for name in ("Key", "PosguardError", "InvalidInputError", "KeyUsageError", "IntegrityError", "WeakPinError"):
        assert name in pg.__all__
