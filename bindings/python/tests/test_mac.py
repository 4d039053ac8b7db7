"""MACs and data encryption: the published vectors (core/tests/vectors/mac.json), every single-bit
flip of data or MAC rejected, key usage enforced, and bad input as typed errors."""

from typing import Any

import posguard as pg
import pytest
from support import aes, tdes, vectors

MAC_VECTORS = vectors("mac.json")
TDES = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
AES = bytes.fromhex("2B7E151628AED2A6ABF7158809CF4F3C")
RETAIL = pg.Key(TDES, "tdes", "mac_iso9797_3")
MSG = b"Now is the time for all "


def ids(v: dict[str, Any]) -> str:
    return str(v["name"])


def flips(b: bytes) -> list[bytes]:
    return [b[:i] + bytes([b[i] ^ (1 << bit)]) + b[i + 1 :] for i in range(len(b)) for bit in range(8)]


@pytest.mark.parametrize("v", MAC_VECTORS, ids=ids)
def test_published_macs(v: dict[str, Any]) -> None:
    key = pg.Key(bytes.fromhex(v["key"]), v["key_algorithm"], v["key_usage"])
    data, expected = bytes.fromhex(v["data"]), bytes.fromhex(v["mac"])
    mac = pg.mac.generate(key, data, v["algorithm"], padding=v["padding"], length=v["length"])
    assert mac.hex().upper() == v["mac"]
    pg.mac.verify(key, data, expected, v["algorithm"], padding=v["padding"])
    pg.mac.verify(key, bytearray(data), memoryview(expected), v["algorithm"], padding=v["padding"])
    for wrong in flips(expected)[-8:]:
        with pytest.raises(pg.IntegrityError) as e:
            pg.mac.verify(key, data, wrong, v["algorithm"], padding=v["padding"])
        assert e.value.code == 20


def test_there_are_vectors() -> None:
    assert len(MAC_VECTORS) >= 40
    assert {v["algorithm"] for v in MAC_VECTORS} >= {"iso9797_1", "iso9797_3", "cmac", "hmac_sha256"}


@pytest.mark.parametrize(
    ("algorithm", "key"),
    [
        ("iso9797_3", RETAIL),
        ("iso9797_1", pg.Key(AES, "aes", "mac_iso9797_1")),
        ("cmac", pg.Key(AES, "aes", "mac_cmac")),
        ("hmac_sha256", pg.Key(AES, "hmac", "mac_hmac")),
        ("unionpay_ecb", pg.Key(TDES, "tdes", "mac")),
        ("unionpay_ecb_sm4", pg.Key(AES, "sm4", "mac")),
    ],
)
def test_every_single_bit_flip_fails_verification(algorithm: str, key: pg.Key) -> None:
    data = bytes(range(40))
    mac = pg.mac.generate(key, data, algorithm)
    pg.mac.verify(key, data, mac, algorithm)
    for wrong in flips(mac):
        with pytest.raises(pg.IntegrityError):
            pg.mac.verify(key, data, wrong, algorithm)
    for changed in flips(data):
        with pytest.raises(pg.IntegrityError):
            pg.mac.verify(key, changed, mac, algorithm)


def test_retail_mac_x9_19_classic() -> None:
    """ANSI X9.19 / ISO 9797-1 B.4 data string 1, key 0123456789ABCDEF FEDCBA9876543210: A1C72E74EA3FA9B6 (mac.json)."""
    assert pg.mac.generate(RETAIL, MSG, "iso9797_3").hex().upper() == "A1C72E74EA3FA9B6"
    assert pg.mac.generate(RETAIL, MSG, "retail", length=4).hex().upper() == "A1C72E74"
    pg.mac.verify(RETAIL, MSG, bytes.fromhex("A1C72E74"), "iso9797_3")
    assert pg.mac.generate(RETAIL, MSG, "iso9797_3", padding="method1") == pg.mac.generate(RETAIL, MSG, "iso9797_3")


def test_padding_method_3_of_an_empty_message_is_the_length_block_alone() -> None:
    """ISO/IEC 9797-1 method 3: the length block L, then the data padded with as few (possibly none)
    zero bits as needed; for an empty message only L (all zeros) is MACed. Independent: pyca/cryptography."""
    key = pg.Key(TDES, "tdes", "mac_iso9797_1")
    assert pg.mac.generate(key, b"", "iso9797_1", padding=3) == tdes(TDES, bytes(8))
    aes_key = pg.Key(AES, "aes", "mac_iso9797_1")
    assert pg.mac.generate(aes_key, b"", "iso9797_1", padding=3) == aes(AES, bytes(16))


def test_unionpay_mac_is_ascii_hex_and_blind_to_block_swaps() -> None:
    key = pg.Key(TDES, "tdes", "mac")
    a, b = b"A" * 8, b"B" * 8
    mac = pg.mac.generate(key, a + b, "unionpay_ecb")
    assert len(mac) == 8 and all(c in b"0123456789ABCDEF" for c in mac)
    assert pg.mac.generate(key, b + a, "unionpay_ecb") == mac  # the documented weakness: the XOR fold
    assert len(pg.mac.generate(key, a, "unionpay_ecb", length=16)) == 16
    sm4 = pg.Key(AES, "sm4", "mac")
    assert len(pg.mac.generate(sm4, a, "unionpay_ecb_sm4")) == 8
    assert pg.mac.generate(sm4, a, "unionpay_ecb_sm4", length=16)[:8] == pg.mac.generate(sm4, a, "unionpay_ecb_sm4")


def test_mac_modes_of_use() -> None:
    gen = pg.Key(TDES, "tdes", "M3", "G")
    ver = pg.Key(TDES, "tdes", "M3", "V")
    mac = pg.mac.generate(gen, MSG, "iso9797_3")
    pg.mac.verify(ver, MSG, mac, "iso9797_3")
    with pytest.raises(pg.KeyUsageError):
        pg.mac.verify(gen, MSG, mac, "iso9797_3")
    with pytest.raises(pg.KeyUsageError):
        pg.mac.generate(ver, MSG, "iso9797_3")


def test_data_round_trips_and_buffers() -> None:
    for algorithm, material, block in (("tdes", TDES, 8), ("aes", AES, 16), ("sm4", AES, 16)):
        key = pg.Key(material, algorithm, "data")
        iv = bytes(range(block))
        for mode, ivs in (("ecb", [None]), ("cbc", [None, iv, bytearray(iv)])):
            for v in ivs:
                for padding in ("none", "iso9797_2", "zeros"):
                    clear = bytes(range(3 * block)) if padding == "none" else b"track 2 data =1234"
                    ct = pg.data.encrypt(key, bytearray(clear), mode=mode, iv=v, padding=padding)
                    assert len(ct) % block == 0
                    out = pg.data.decrypt(key, memoryview(ct), mode=mode, iv=v, padding=padding)
                    assert (out.rstrip(b"\0") if padding == "zeros" else out) == clear
    key = pg.Key(AES, "aes", "data")
    assert pg.data.encrypt(key, bytes(16)) == pg.data.encrypt(key, bytes(16), mode="cbc", iv=bytes(16)) == aes(AES, bytes(16))


def test_data_key_modes() -> None:
    enc, dec = pg.Key(AES, "aes", "data", "E"), pg.Key(AES, "aes", "data", "D")
    ct = pg.data.encrypt(enc, bytes(32))
    assert pg.data.decrypt(dec, ct) == bytes(32)
    with pytest.raises(pg.KeyUsageError):
        pg.data.decrypt(enc, ct)
    with pytest.raises(pg.KeyUsageError):
        pg.data.encrypt(dec, bytes(32))


def raises(exc: type[pg.PosguardError], code: int | None, call: Any) -> pg.PosguardError:
    with pytest.raises(exc) as e:
        call()
    if code is not None:
        assert e.value.code == code, e.value
    return e.value


AES_CMAC = pg.Key(AES, "aes", "mac_cmac")
DATA_KEY = pg.Key(AES, "aes", "data")
BAD: dict[str, tuple[type[pg.PosguardError], int | None, Any]] = {
    "pin key macs": (pg.KeyUsageError, 3, lambda: pg.mac.generate(pg.Key(TDES, "tdes", "pin"), MSG, "iso9797_3")),
    "data key macs": (pg.KeyUsageError, None, lambda: pg.mac.generate(DATA_KEY, MSG, "cmac")),
    "cmac key for retail mac": (pg.KeyUsageError, None, lambda: pg.mac.generate(pg.Key(TDES, "tdes", "M6"), MSG, "iso9797_3")),
    "aes key for retail mac": (pg.KeyUsageError, 4, lambda: pg.mac.generate(pg.Key(AES, "aes", "mac"), MSG, "iso9797_3")),
    "aes key for hmac": (pg.KeyUsageError, 4, lambda: pg.mac.generate(pg.Key(AES, "aes", "mac"), MSG, "hmac_sha256")),
    "unknown algorithm": (pg.InvalidInputError, 16, lambda: pg.mac.generate(RETAIL, MSG, "iso9797_9")),
    "mac length 3": (pg.InvalidInputError, 14, lambda: pg.mac.generate(RETAIL, MSG, "iso9797_3", length=3)),
    "mac length 9": (pg.InvalidInputError, 14, lambda: pg.mac.generate(RETAIL, MSG, "iso9797_3", length=9)),
    "cmac length 17": (pg.InvalidInputError, 14, lambda: pg.mac.generate(AES_CMAC, MSG, "cmac", length=17)),
    "verify a 2-byte mac": (pg.InvalidInputError, 14, lambda: pg.mac.verify(RETAIL, MSG, b"\0\0", "iso9797_3")),
    "padding 4": (pg.InvalidInputError, 16, lambda: pg.mac.generate(RETAIL, MSG, "iso9797_3", padding=4)),
    "padding -1": (pg.InvalidInputError, 16, lambda: pg.mac.generate(RETAIL, MSG, "iso9797_3", padding=-1)),
    "padding 2 for cmac": (pg.InvalidInputError, None, lambda: pg.mac.generate(AES_CMAC, MSG, "cmac", padding=2)),
    "padding 3 for hmac": (
        pg.InvalidInputError,
        None,
        lambda: pg.mac.verify(pg.Key(AES, "hmac", "M7"), MSG, bytes(32), "hmac_sha256", padding=3),
    ),
    "mac key encrypts data": (pg.KeyUsageError, 3, lambda: pg.data.encrypt(AES_CMAC, bytes(16))),
    "pin key decrypts data": (pg.KeyUsageError, 3, lambda: pg.data.decrypt(pg.Key(AES, "aes", "pin"), bytes(16))),
    "kek encrypts data": (pg.KeyUsageError, 3, lambda: pg.data.encrypt(pg.Key(AES, "aes", "kek"), bytes(16))),
    "iv of 8 bytes for aes": (pg.InvalidInputError, 14, lambda: pg.data.encrypt(DATA_KEY, bytes(16), iv=bytes(8))),
    "iv for ecb": (pg.InvalidInputError, 16, lambda: pg.data.encrypt(DATA_KEY, bytes(16), mode="ecb", iv=bytes(16))),
    "data not whole blocks": (pg.InvalidInputError, 14, lambda: pg.data.encrypt(DATA_KEY, bytes(15))),
    "ciphertext not whole blocks": (pg.InvalidInputError, 14, lambda: pg.data.decrypt(DATA_KEY, bytes(17), padding="zeros")),
    "unknown mode": (pg.InvalidInputError, 16, lambda: pg.data.encrypt(DATA_KEY, bytes(16), mode="ctr")),
    "unknown padding": (pg.InvalidInputError, 16, lambda: pg.data.encrypt(DATA_KEY, bytes(16), padding="pkcs7")),
    "bad iso9797_2 padding": (
        pg.InvalidInputError,
        17,
        lambda: pg.data.decrypt(DATA_KEY, pg.data.encrypt(DATA_KEY, bytes(16)), padding="iso9797_2"),
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_raises_typed_error(case: str) -> None:
    exc, code, call = BAD[case]
    raises(exc, code, call)


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        pg.mac.generate(RETAIL, "text", "iso9797_3")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.mac.generate(RETAIL, MSG, "iso9797_3", padding=1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.mac.generate(RETAIL, MSG, "iso9797_3", 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        pg.data.encrypt(DATA_KEY, bytes(16), iv="00" * 16)  # type: ignore[arg-type]


def test_errors_carry_no_mac_or_key() -> None:
    mac = pg.mac.generate(RETAIL, MSG, "iso9797_3")
    e = raises(pg.IntegrityError, 20, lambda: pg.mac.verify(RETAIL, MSG, bytes(8), "iso9797_3"))
    text = f"{e} {e!r}"
    for secret in (mac.hex(), mac.hex().upper(), TDES.hex(), TDES.hex().upper()):
        assert secret not in text


def test_module_surface() -> None:
    assert set(pg.mac.__all__) == {"generate", "verify"}
    assert set(pg.data.__all__) == {"encrypt", "decrypt"}
    for name in ("tr31", "dukpt", "mac", "data"):
        assert name in pg.__all__
