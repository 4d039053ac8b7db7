"""MACs and data encryption against independent implementations, on random keys and messages
of every length from 0 to a few hundred bytes.

- ISO 9797-1 algorithm 1 (DES, TDES, AES) and algorithm 3 (retail MAC), padding 1/2/3: psec;
  algorithm 3 with padding 1 and 2 also pyemv.
- CMAC (TDES, AES, SM4): pyca/cryptography. HMAC-SHA256: the standard library.
- SM4 as the cipher under CBC-MAC and data encryption: gmssl (pure Python) besides cryptography.
- The UnionPay "ECB" MACs: a reference written here from the published algorithm description.
- Data encryption ECB/CBC, padding none / ISO 9797-1 method 2 / zeros: pyca/cryptography.
"""

import hashlib
import hmac

import posguard as pg
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, CipherAlgorithm, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC
from gmssl.sm4 import SM4_ENCRYPT, CryptSM4
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from psec import mac as psec_mac
from pyemv import mac as pyemv_mac
from support import sm4, tdes

EXAMPLES = 300
messages = st.binary(min_size=0, max_size=300)


def not_degenerate(k: bytes) -> bool:
    return k[:8] != k[8:16] and (len(k) != 24 or k[8:16] != k[16:24])


def sized(*sizes: int) -> st.SearchStrategy[bytes]:
    return st.sampled_from(sizes).flatmap(lambda n: st.binary(min_size=n, max_size=n))


tdes2_keys = sized(16).filter(not_degenerate)
tdes_keys = sized(16, 24).filter(not_degenerate)
aes_keys = sized(16, 24, 32)
sm4_keys = sized(16)


def xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def psec_pads_like_iso(data: bytes, padding: int) -> bool:
    """psec's pad_iso_3 appends a zero block to an empty message (it reuses pad_iso_1, which pads
    empty data to one block); ISO/IEC 9797-1 method 3 pads the data to a multiple of the block
    size with as few (possibly none) zero bits, so an empty message is the length block alone."""
    return bool(data) or padding != 3


def gmssl_sm4(key: bytes, block: bytes) -> bytes:
    c = CryptSM4(SM4_ENCRYPT, padding_mode=-1)  # any other value than PKCS7/ZERO: no padding
    c.set_key(key, SM4_ENCRYPT)
    return bytes(c.crypt_ecb(block))


@settings(max_examples=EXAMPLES)
@given(key=tdes2_keys, data=messages, padding=st.sampled_from([1, 2, 3]), length=st.integers(4, 8))
def test_retail_mac_matches_psec(key: bytes, data: bytes, padding: int, length: int) -> None:
    assume(psec_pads_like_iso(data, padding))
    k = pg.Key(key, "tdes", "mac_iso9797_3")
    expected = psec_mac.generate_retail_mac(key[:8], key[8:], data, padding, length)
    assert pg.mac.generate(k, data, "iso9797_3", padding=padding, length=length) == expected
    pg.mac.verify(k, data, expected, "iso9797_3", padding=padding)


@settings(max_examples=EXAMPLES)
@given(key=tdes2_keys, data=messages, padding=st.sampled_from([1, 2]))
def test_retail_mac_matches_pyemv(key: bytes, data: bytes, padding: int) -> None:
    k = pg.Key(key, "tdes", "mac_iso9797_3")
    assert pg.mac.generate(k, data, "iso9797_3", padding=padding) == pyemv_mac.mac_iso9797_3(
        key[:8], key[8:], data, padding
    )


@settings(max_examples=EXAMPLES)
@given(
    alg_key=st.one_of(
        sized(8).map(lambda k: ("des", k)),
        tdes_keys.map(lambda k: ("tdes", k)),
        aes_keys.map(lambda k: ("aes", k)),
    ),
    data=messages,
    padding=st.sampled_from([1, 2, 3]),
)
def test_cbc_mac_matches_psec(alg_key: tuple[str, bytes], data: bytes, padding: int) -> None:
    assume(psec_pads_like_iso(data, padding))
    algorithm, key = alg_key
    block = 16 if algorithm == "aes" else 8
    expected = psec_mac.generate_cbc_mac(
        key,
        data,
        padding,
        block,
        psec_mac.Algorithm.AES if algorithm == "aes" else psec_mac.Algorithm.DES,
    )
    k = pg.Key(key, algorithm, "mac_iso9797_1")
    assert pg.mac.generate(k, data, "iso9797_1", padding=padding) == expected
    pg.mac.verify(k, data, expected, "iso9797_1", padding=padding)


@settings(max_examples=EXAMPLES)
@given(key=sm4_keys, data=messages, padding=st.sampled_from([1, 2, 3]))
def test_sm4_cbc_mac_matches_gmssl(key: bytes, data: bytes, padding: int) -> None:
    assume(psec_pads_like_iso(data, padding))
    padded = {1: psec_mac.pad_iso_1, 2: psec_mac.pad_iso_2, 3: psec_mac.pad_iso_3}[padding](data, 16)
    state = bytes(16)
    for i in range(0, len(padded), 16):
        state = gmssl_sm4(key, xor(state, padded[i : i + 16]))
    k = pg.Key(key, "sm4", "mac_iso9797_1")
    assert pg.mac.generate(k, data, "iso9797_1", padding=padding) == state


def reference_cmac(algorithm: CipherAlgorithm, data: bytes) -> bytes:
    c = CMAC(algorithm)
    c.update(data)
    return c.finalize()


@settings(max_examples=EXAMPLES)
@given(
    alg_key=st.one_of(
        tdes_keys.map(lambda k: ("tdes", k)),
        aes_keys.map(lambda k: ("aes", k)),
        sm4_keys.map(lambda k: ("sm4", k)),
    ),
    data=messages,
)
def test_cmac_matches_cryptography(alg_key: tuple[str, bytes], data: bytes) -> None:
    algorithm, key = alg_key
    cipher: CipherAlgorithm = {"tdes": TripleDES, "aes": algorithms.AES, "sm4": algorithms.SM4}[algorithm](key)
    expected = reference_cmac(cipher, data)
    k = pg.Key(key, algorithm, "mac_cmac")
    assert pg.mac.generate(k, data, "cmac") == expected
    assert pg.mac.generate(k, data, "cmac", length=4) == expected[:4]
    pg.mac.verify(k, data, expected, "cmac")


@settings(max_examples=EXAMPLES)
@given(key=sized(16, 24, 32), data=messages)
def test_hmac_sha256_matches_the_standard_library(key: bytes, data: bytes) -> None:
    expected = hmac.new(key, data, hashlib.sha256).digest()
    k = pg.Key(key, "hmac", "mac_hmac")
    assert pg.mac.generate(k, data, "hmac_sha256") == expected
    pg.mac.verify(k, data, expected, "hmac_sha256")


def unionpay_ecb(encrypt_block, block: int, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """China UnionPay POS "ECB" MAC from its description: XOR the zero-padded blocks, expand the
    result to upper-case hex, encrypt the first half, XOR with the second half, encrypt again,
    expand to hex and keep the first 8 characters."""
    padded = data + bytes(-len(data) % block) if data else bytes(block)
    folded = bytes(block)
    for i in range(0, len(padded), block):
        folded = xor(folded, padded[i : i + block])
    hexed = folded.hex().upper().encode()
    out = encrypt_block(xor(encrypt_block(hexed[:block]), hexed[block:]))
    return out.hex().upper().encode()[:8]


@settings(max_examples=EXAMPLES)
@given(key=st.one_of(sized(8), tdes_keys), data=messages)
def test_unionpay_ecb_matches_reference(key: bytes, data: bytes) -> None:
    algorithm = "des" if len(key) == 8 else "tdes"
    expected = unionpay_ecb(lambda b: tdes(key * 3 if len(key) == 8 else key, b), 8, data)
    k = pg.Key(key, algorithm, "mac")
    assert pg.mac.generate(k, data, "unionpay_ecb") == expected
    pg.mac.verify(k, data, expected, "unionpay_ecb")


@settings(max_examples=EXAMPLES)
@given(key=sm4_keys, data=messages)
def test_unionpay_ecb_sm4_matches_reference(key: bytes, data: bytes) -> None:
    expected = unionpay_ecb(lambda b: gmssl_sm4(key, b), 16, data)
    assert expected == unionpay_ecb(lambda b: sm4(key, b), 16, data)
    k = pg.Key(key, "sm4", "mac")
    assert pg.mac.generate(k, data, "unionpay_ecb_sm4") == expected


def pad(data: bytes, block: int, padding: str) -> bytes:
    if padding == "iso9797_2":
        data += b"\x80"
    return data + bytes(-len(data) % block) if padding != "none" else data


@settings(max_examples=EXAMPLES)
@given(
    alg_key=st.one_of(
        tdes_keys.map(lambda k: ("tdes", k)),
        aes_keys.map(lambda k: ("aes", k)),
        sm4_keys.map(lambda k: ("sm4", k)),
    ),
    data=messages,
    mode=st.sampled_from(["ecb", "cbc"]),
    padding=st.sampled_from(["none", "iso9797_2", "zeros"]),
    iv_seed=st.binary(min_size=16, max_size=16),
)
def test_data_encryption_matches_cryptography(
    alg_key: tuple[str, bytes], data: bytes, mode: str, padding: str, iv_seed: bytes
) -> None:
    algorithm, key = alg_key
    block = 8 if algorithm == "tdes" else 16
    if padding == "none":
        data = data[: len(data) // block * block]
    cipher_alg: CipherAlgorithm = {"tdes": TripleDES, "aes": algorithms.AES, "sm4": algorithms.SM4}[algorithm](key)
    iv = iv_seed[:block] if mode == "cbc" else None
    cipher = Cipher(cipher_alg, modes.CBC(iv) if iv is not None else modes.ECB())
    enc = cipher.encryptor()
    expected = enc.update(pad(data, block, padding)) + enc.finalize()
    k = pg.Key(key, algorithm, "data")
    assert pg.data.encrypt(k, data, mode=mode, iv=iv, padding=padding) == expected
    clear = pg.data.decrypt(k, expected, mode=mode, iv=iv, padding=padding)
    if padding == "zeros":
        assert clear.rstrip(b"\0") == data.rstrip(b"\0")
    else:
        assert clear == data
