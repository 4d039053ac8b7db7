"""Test support: the published vectors and the reference ciphers (pyca/cryptography)."""

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, CipherAlgorithm, algorithms, modes

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "core" / "tests" / "vectors"
EXAMPLES = REPO / "examples" / "python"


def vectors(name: str, section: str = "vectors") -> list[dict[str, Any]]:
    data: dict[str, list[dict[str, Any]]] = json.loads((VECTORS / name).read_text())
    return data[section]


def _ecb(algorithm: CipherAlgorithm, data: bytes, decrypt: bool = False) -> bytes:
    cipher = Cipher(algorithm, modes.ECB())
    ctx = cipher.decryptor() if decrypt else cipher.encryptor()
    return ctx.update(data) + ctx.finalize()


def tdes(key: bytes, data: bytes, decrypt: bool = False) -> bytes:
    """TDES-ECB by pyca/cryptography (a 2-key key is expanded to K1 K2 K1)."""
    return _ecb(TripleDES(key if len(key) == 24 else key + key[:8]), data, decrypt)


def aes(key: bytes, data: bytes) -> bytes:
    return _ecb(algorithms.AES(key), data)


def sm4(key: bytes, data: bytes, decrypt: bool = False) -> bytes:
    return _ecb(algorithms.SM4(key), data, decrypt)
