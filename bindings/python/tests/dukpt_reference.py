"""Independent DUKPT references for the differential tests, written here from the published
algorithm descriptions with pyca/cryptography as the cipher (no posguard code involved).

- TDES DUKPT: ANSI X9.24-1:2009 Annex A (A.2 "non-reversible key generation process", A.6 IPEK)
  and the key variants of its section on the PIN, MAC and data keys, with the data keys' one-way step.
- AES DUKPT: ANSI X9.24-3:2017 section 6 (derivation data, key derivation function, initial key,
  intermediate derivation keys along the counter's one-bits, working keys).
"""

from support import aes, tdes

C0_MASK = bytes.fromhex("C0C0C0C000000000C0C0C0C000000000")
TDES_VARIANTS = {
    "pin": bytes.fromhex("00000000000000FF00000000000000FF"),
    "mac_request": bytes.fromhex("000000000000FF00000000000000FF00"),
    "mac_response": bytes.fromhex("00000000FF00000000000000FF000000"),
    "data_request": bytes.fromhex("0000000000FF00000000000000FF0000"),
    "data_response": bytes.fromhex("000000FF00000000000000FF00000000"),
}
TDES_COUNTER_BITS = 21


def xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def des(key8: bytes, block: bytes) -> bytes:
    """Single DES as TDES with three equal keys (E-D-E collapses to E)."""
    return tdes(key8 * 3, block)


def tdes_counter(ksn: bytes) -> int:
    return int.from_bytes(ksn[-3:], "big") & ((1 << TDES_COUNTER_BITS) - 1)


def tdes_ipek(bdk: bytes, ksn: bytes) -> bytes:
    base = bytearray(ksn)
    base[7] &= 0xE0
    base[8] = base[9] = 0
    left = tdes(bdk, bytes(base[:8]))
    right = tdes(xor(bdk, C0_MASK), bytes(base[:8]))
    return left + right


def nrkgp(key: bytes, reg: bytes) -> bytes:
    """X9.24-1 A.2 non-reversible key generation process: a new 16-byte key from `key` and the 8-byte register."""
    right = xor(des(key[:8], xor(reg, key[8:])), key[8:])
    k2 = xor(key, C0_MASK)
    left = xor(des(k2[:8], xor(reg, k2[8:])), k2[8:])
    return left + right


def tdes_transaction_key(ipek: bytes, ksn: bytes) -> bytes:
    counter = tdes_counter(ksn)
    reg = int.from_bytes(ksn[2:], "big") & ~((1 << TDES_COUNTER_BITS) - 1)
    key = ipek
    for bit in range(TDES_COUNTER_BITS - 1, -1, -1):
        if counter & (1 << bit):
            reg |= 1 << bit
            key = nrkgp(key, reg.to_bytes(8, "big"))
    return key


def tdes_derive(bdk: bytes, ksn: bytes, usage: str) -> bytes:
    key = xor(tdes_transaction_key(tdes_ipek(bdk, ksn), ksn), TDES_VARIANTS[usage])
    if usage.startswith("data"):
        # One-way step of the data keys: each half enciphered under the variant key itself.
        key = tdes(key, key[:8]) + tdes(key, key[8:])
    return key


# ANSI X9.24-3:2017 section 6.2 / 6.3: key usage and algorithm indicators of the derivation data.
AES_USAGE = {
    "kek": 0x0002,
    "pin": 0x1000,
    "mac_generate": 0x2000,
    "mac_verify": 0x2001,
    "mac_both": 0x2002,
    "data_encrypt": 0x3000,
    "data_decrypt": 0x3001,
    "data_both": 0x3002,
}
AES_KEY_DERIVATION = 0x8000
AES_KEY_DERIVATION_INITIAL_KEY = 0x8001
AES_KEY_TYPE = {
    "tdes2": (0x0000, 128),
    "tdes3": (0x0001, 192),
    "aes128": (0x0002, 128),
    "aes192": (0x0003, 192),
    "aes256": (0x0004, 256),
    "hmac128": (0x0005, 128),
    "hmac192": (0x0005, 192),
    "hmac256": (0x0005, 256),
}
AES_BDK_TYPE = {16: "aes128", 24: "aes192", 32: "aes256"}


def aes_kdf(key: bytes, usage: int, key_type: str, context: bytes) -> bytes:
    algorithm, bits = AES_KEY_TYPE[key_type]
    out = b""
    for block_counter in range(1, (bits + 127) // 128 + 1):
        data = bytes([0x01, block_counter]) + usage.to_bytes(2, "big") + algorithm.to_bytes(2, "big")
        out += aes(key, data + bits.to_bytes(2, "big") + context)
    return out[: bits // 8]


def aes_initial_key(bdk: bytes, initial_key_id: bytes) -> bytes:
    return aes_kdf(bdk, AES_KEY_DERIVATION_INITIAL_KEY, AES_BDK_TYPE[len(bdk)], initial_key_id)


def aes_working_key(initial_key: bytes, ksn: bytes, usage: str, key_type: str) -> bytes:
    derivation_id, counter = ksn[4:8], int.from_bytes(ksn[8:12], "big")
    key, working = initial_key, 0
    for bit in range(31, -1, -1):
        if counter & (1 << bit):
            working |= 1 << bit
            context = derivation_id + working.to_bytes(4, "big")
            key = aes_kdf(key, AES_KEY_DERIVATION, AES_BDK_TYPE[len(initial_key)], context)
    return aes_kdf(key, AES_USAGE[usage], key_type, derivation_id + counter.to_bytes(4, "big"))


def aes_derive(bdk: bytes, ksn: bytes, usage: str, key_type: str) -> bytes:
    return aes_working_key(aes_initial_key(bdk, ksn[:8]), ksn, usage, key_type)
