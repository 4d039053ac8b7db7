"""Published known-answer vectors (core/tests/vectors), the same files every language runs."""

from typing import Any

import posguard as pg
import pytest
from support import aes, sm4, tdes, vectors

PIN_VECTORS = vectors("pin.json")
KCV_VECTORS = vectors("kcv.json")
CIPHER_VECTORS = vectors("kcv.json", "cipher")


def ids(v: dict[str, Any]) -> str:
    return str(v["name"])


@pytest.mark.parametrize("v", [v for v in PIN_VECTORS if v["clear_block"]], ids=ids)
def test_clear_block_decodes(v: dict[str, Any]) -> None:
    assert pg.pin.decode(bytes.fromhex(v["clear_block"]), v["pan"], v["format"]) == v["pin"]


@pytest.mark.parametrize("v", [v for v in PIN_VECTORS if v["clear_block"] and v["format"] in ("iso0", "iso2", "sm4")], ids=ids)
def test_deterministic_clear_block_encodes(v: dict[str, Any]) -> None:
    assert pg.pin.encode(v["pin"], v["pan"], v["format"]).hex().upper() == v["clear_block"]


@pytest.mark.parametrize("v", [v for v in PIN_VECTORS if v["key"] and v["encrypted_block"]], ids=ids)
def test_encrypted_block_decrypts(v: dict[str, Any]) -> None:
    key = pg.Key(bytes.fromhex(v["key"]), v["key_algorithm"], "pin")
    assert pg.pin.decrypt(bytes.fromhex(v["encrypted_block"]), v["pan"], key, v["format"]) == v["pin"]


@pytest.mark.parametrize("v", [v for v in PIN_VECTORS if v["key"] and v["encrypted_block"] and v["clear_block"]], ids=ids)
def test_encrypt_reproduces_published_block(v: dict[str, Any]) -> None:
    """Format 0 is deterministic; format 4 gets its published random fill (clear block bytes 8..16) from `rng`."""
    fill = bytes.fromhex(v["clear_block"])[8:]

    def published_fill(n: int) -> bytes:
        assert n == len(fill)
        return fill

    key = pg.Key(bytes.fromhex(v["key"]), v["key_algorithm"], "pin")
    block = pg.pin.encrypt(v["pin"], v["pan"], key, v["format"], rng=published_fill)
    assert block.hex().upper() == v["encrypted_block"]


@pytest.mark.parametrize("v", KCV_VECTORS, ids=ids)
def test_check_values(v: dict[str, Any]) -> None:
    usage = "mac" if v["key_algorithm"] == "des" else "kek"
    key = pg.Key(bytes.fromhex(v["key"]), v["key_algorithm"], usage)
    expected = bytes.fromhex(v["kcv"])
    assert key.kcv(len(expected), v["method"]) == expected
    key.verify_kcv(expected, v["method"])
    wrong = bytes([expected[0] ^ 1]) + expected[1:]
    with pytest.raises(pg.IntegrityError) as e:
        key.verify_kcv(wrong, v["method"])
    assert e.value.code == 21


@pytest.mark.parametrize("v", CIPHER_VECTORS, ids=ids)
def test_reference_ciphers_match_published_vectors(v: dict[str, Any]) -> None:
    """The oracles of the differential tests (pyca/cryptography) agree with the published cipher vectors."""
    cipher = {"tdes": tdes, "aes": aes, "sm4": sm4}[v["algorithm"]]
    assert cipher(bytes.fromhex(v["key"]), bytes.fromhex(v["plaintext"])).hex().upper() == v["ciphertext"]
