"""Differential tests against independent implementations, on random inputs.

psec (formats 0, 2, 3, 4 and TDES check values) in both directions; pyca/cryptography
for what psec lacks: the UnionPay SM4 block (encoded here from its description), format 1
(checked structurally, enciphered with cryptography's TDES), AES and SM4 check values.
"""

from collections.abc import Callable

import posguard as pg
import pytest
from support import aes, sm4, tdes
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.cmac import CMAC
from hypothesis import given, settings
from hypothesis import strategies as st
from psec import des, pinblock

# At least this many random PIN/PAN/key triples per test and run.
EXAMPLES = 1000


def digits(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=min_size, max_size=max_size)


def degenerate_tdes(k: bytes) -> bool:
    return k[:8] == k[8:16] or (len(k) == 24 and k[8:16] == k[16:])


pins = digits(4, 12)
tdes_keys = st.sampled_from([16, 24]).flatmap(lambda n: st.binary(min_size=n, max_size=n)).filter(
    lambda k: not degenerate_tdes(k)
)
aes_keys = st.sampled_from([16, 24, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n))
sm4_keys = st.binary(min_size=16, max_size=16)


def triples(fmt: int) -> st.SearchStrategy[tuple[str, str, bytes]]:
    """PIN, PAN and key material valid for `fmt` (format 4 takes PANs of 1-19 digits)."""
    return st.tuples(pins, digits(1, 19) if fmt == 4 else digits(13, 19), aes_keys if fmt == 4 else tdes_keys)


PSEC_ENCODE: dict[int, Callable[[str, str], bytes]] = {
    0: pinblock.encode_pinblock_iso_0,
    2: lambda pin, pan: pinblock.encode_pinblock_iso_2(pin),
    3: pinblock.encode_pinblock_iso_3,
}
PSEC_DECODE: dict[int, Callable[[bytes, str], str]] = {
    0: pinblock.decode_pinblock_iso_0,
    2: lambda block, pan: pinblock.decode_pinblock_iso_2(block),
    3: pinblock.decode_pinblock_iso_3,
}


def psec_encrypt(fmt: int, key: bytes, pin: str, pan: str) -> bytes:
    if fmt == 4:
        return pinblock.encipher_pinblock_iso_4(key, pin, pan)
    return des.encrypt_tdes_ecb(key, PSEC_ENCODE[fmt](pin, pan))


def psec_decrypt(fmt: int, key: bytes, block: bytes, pan: str) -> str:
    if fmt == 4:
        return pinblock.decipher_pinblock_iso_4(key, block, pan)
    return PSEC_DECODE[fmt](des.decrypt_tdes_ecb(key, block), pan)


def pin_key(material: bytes, fmt: int | str) -> pg.Key:
    return pg.Key(material, {4: "aes", "sm4": "sm4"}.get(fmt, "tdes"), "pin")


@pytest.mark.parametrize("fmt", [0, 2, 3, 4])
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_psec_decrypts_our_blocks(fmt: int, data: st.DataObject) -> None:
    pin, pan, material = data.draw(triples(fmt))
    block = pg.pin.encrypt(pin, pan, pin_key(material, fmt), fmt)
    assert psec_decrypt(fmt, material, block, pan) == pin
    if fmt in PSEC_DECODE:
        assert PSEC_DECODE[fmt](pg.pin.encode(pin, pan, fmt), pan) == pin


@pytest.mark.parametrize("fmt", [0, 2, 3, 4])
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_we_decrypt_psec_blocks(fmt: int, data: st.DataObject) -> None:
    pin, pan, material = data.draw(triples(fmt))
    block = psec_encrypt(fmt, material, pin, pan)
    assert pg.pin.decrypt(block, pan, pin_key(material, fmt), fmt) == pin
    if fmt in PSEC_ENCODE:
        clear = PSEC_ENCODE[fmt](pin, pan)
        assert pg.pin.decode(clear, pan, fmt) == pin
        if fmt != 3:  # format 3 fill is random
            assert pg.pin.encode(pin, pan, fmt) == clear


def unionpay_sm4_clear_block(pin: str, pan: str) -> bytes:
    """From the description: PIN field 0|N|PIN|F fill to 32 nibbles; PAN field 20 zero
    nibbles then the 12 rightmost PAN digits excluding the check digit; XOR."""
    pin_field = bytes.fromhex(f"0{len(pin):X}{pin}".ljust(32, "F"))
    pan_field = bytes.fromhex("0" * 20 + pan[-13:-1])
    return bytes(a ^ b for a, b in zip(pin_field, pan_field, strict=True))


@settings(max_examples=EXAMPLES)
@given(pin=pins, pan=digits(13, 19), material=sm4_keys)
def test_sm4_block_matches_cryptography_sm4(pin: str, pan: str, material: bytes) -> None:
    key = pin_key(material, "sm4")
    clear = unionpay_sm4_clear_block(pin, pan)
    expected = sm4(material, clear)
    assert pg.pin.encode(pin, pan, "sm4") == clear
    assert pg.pin.encrypt(pin, pan, key, "sm4") == expected
    assert pg.pin.decrypt(expected, pan, key, "sm4") == pin


def assert_format1_structure(clear: bytes, pin: str) -> None:
    nibbles = clear.hex().upper()
    assert len(clear) == 8
    assert nibbles[0] == "1"
    assert int(nibbles[1], 16) == len(pin)
    assert nibbles[2 : 2 + len(pin)] == pin


@settings(max_examples=EXAMPLES)
@given(pin=pins, material=tdes_keys, fill=st.binary(min_size=7, max_size=7))
def test_format1_both_directions_with_cryptography_tdes(pin: str, material: bytes, fill: bytes) -> None:
    key = pin_key(material, 1)
    ours = pg.pin.encrypt(pin, None, key, 1)
    assert_format1_structure(tdes(material, ours, decrypt=True), pin)
    # A format 1 block built here: control 1, length, PIN, then any fill nibbles.
    theirs = bytes.fromhex((f"1{len(pin):X}{pin}" + fill.hex()[: 14 - len(pin)]).upper())
    assert pg.pin.decrypt(tdes(material, theirs), None, key, 1) == pin


def test_format1_fill_is_random() -> None:
    assert pg.pin.encode("4821", None, 1) != pg.pin.encode("4821", None, 1)  # 40 random bits


@settings(max_examples=EXAMPLES)
@given(material=tdes_keys, length=st.integers(1, 8))
def test_tdes_kcv_matches_psec(material: bytes, length: int) -> None:
    assert pg.Key(material, "tdes", "kek").kcv(length) == des.generate_kcv(material, length)


@settings(max_examples=EXAMPLES)
@given(material=aes_keys, length=st.integers(1, 16))
def test_aes_kcvs_match_cryptography(material: bytes, length: int) -> None:
    key = pg.Key(material, "aes", "kek")
    cmac = CMAC(algorithms.AES(material))
    cmac.update(bytes(16))
    assert key.kcv(length) == key.kcv(length, "cmac") == cmac.finalize()[:length]
    assert key.kcv(length, "zero_block") == aes(material, bytes(16))[:length]


@settings(max_examples=EXAMPLES)
@given(material=sm4_keys)
def test_sm4_kcvs_match_cryptography(material: bytes) -> None:
    key = pg.Key(material, "sm4", "kek")
    zero_block = sm4(material, bytes(16))
    assert key.kcv() == zero_block[:3]
    assert key.kcv_unionpay() == zero_block[:4]
