"""DUKPT against the independent references of dukpt_reference.py, on random inputs.

TDES (X9.24-1): random BDKs and KSNs across the whole 21-bit counter range, with counters of
many one-bits (exactly 10, the most allowed) and near the end of the range; every variant.
AES (X9.24-3): random BDKs of every size, counters of up to 16 one-bits, every usage and key type.
Device side: the originator's KSNs and keys agree with the host (reference) derivation.
"""

import random

import posguard as pg
import pytest
from dukpt_reference import aes_derive, aes_initial_key, tdes_derive, tdes_ipek
from hypothesis import given, settings
from hypothesis import strategies as st

EXAMPLES = 400
TDES_USAGES = ["pin", "mac_request", "mac_response", "data_request", "data_response"]
AES_USAGES = ["pin", "mac_generate", "mac_verify", "mac_both", "data_encrypt", "data_decrypt", "data_both", "kek"]
AES_KEY_TYPES = ["tdes2", "tdes3", "aes128", "aes192", "aes256", "hmac128", "hmac192", "hmac256"]
KEY_TYPE_BITS = {"tdes2": 112, "tdes3": 112, "aes128": 128, "aes192": 192, "aes256": 256}
KEY_TYPE_BITS |= {"hmac128": 128, "hmac192": 192, "hmac256": 256}

tdes_bdks = st.binary(min_size=16, max_size=16).filter(lambda k: k[:8] != k[8:])


def counters(bits: int, max_ones: int) -> st.SearchStrategy[int]:
    """Counters of 1..max_ones one-bits placed anywhere in `bits` bits, biased to the extremes."""
    return st.one_of(
        st.sets(st.integers(0, bits - 1), min_size=1, max_size=max_ones).map(lambda s: sum(1 << b for b in s)),
        st.integers(1, max_ones).map(lambda n: ((1 << n) - 1) << (bits - n)),  # the top n bits: near the end
        st.integers(1, 4).map(lambda n: (1 << n) - 1),
    )


def tdes_ksn(prefix: bytes, counter: int) -> bytes:
    base = int.from_bytes(prefix, "big") & ~((1 << 21) - 1)
    return (base | counter).to_bytes(10, "big")


@settings(max_examples=EXAMPLES)
@given(bdk=tdes_bdks, prefix=st.binary(min_size=10, max_size=10), counter=counters(21, 10))
def test_tdes_host_matches_reference(bdk: bytes, prefix: bytes, counter: int) -> None:
    ksn = tdes_ksn(prefix, counter)
    key = pg.Key(bdk, "tdes", "bdk")
    ipek = pg.dukpt.tdes.derive_ipek(key, ksn)
    assert ipek.export_clear() == tdes_ipek(bdk, ksn)
    assert ipek.usage_code == "B1"
    for usage in TDES_USAGES:
        assert pg.dukpt.tdes.derive_key(key, ksn, usage).export_clear() == tdes_derive(bdk, ksn, usage), usage


@settings(max_examples=100)
@given(bdk=tdes_bdks, prefix=st.binary(min_size=10, max_size=10), counter=st.integers(1, (1 << 21) - 1))
def test_tdes_counters_with_more_than_ten_one_bits_are_refused(bdk: bytes, prefix: bytes, counter: int) -> None:
    ksn = tdes_ksn(prefix, counter)
    key = pg.Key(bdk, "tdes", "bdk")
    if bin(counter).count("1") > 10:
        with pytest.raises(pg.InvalidInputError):
            pg.dukpt.tdes.derive_key(key, ksn, "pin")
    else:
        assert pg.dukpt.tdes.derive_key(key, ksn, "pin").export_clear() == tdes_derive(bdk, ksn, "pin")


def test_tdes_device_agrees_with_the_reference_host_across_save_and_restore() -> None:
    rng = random.Random(20261122)
    for _ in range(3):
        bdk = bytes(rng.randrange(256) for _ in range(16))
        ksn0 = tdes_ksn(bytes(rng.randrange(256) for _ in range(10)), 0)
        device = pg.dukpt.tdes.Device(pg.dukpt.tdes.derive_ipek(pg.Key(bdk, "tdes", "bdk"), ksn0), ksn0)
        seen = set()
        for i in range(600):
            if i % 97 == 0:
                device = pg.dukpt.tdes.Device.restore(device.save())
            expected_ksn = device.ksn
            usage = TDES_USAGES[i % len(TDES_USAGES)]
            ksn, key = device.next(usage)
            assert ksn == expected_ksn and ksn not in seen
            seen.add(ksn)
            counter = int.from_bytes(ksn[-3:], "big") & ((1 << 21) - 1)
            assert 1 <= bin(counter).count("1") <= 10
            assert key.export_clear() == tdes_derive(bdk, ksn, usage)


def aes_ksn(initial_key_id: bytes, counter: int) -> bytes:
    return initial_key_id + counter.to_bytes(4, "big")


@settings(max_examples=EXAMPLES)
@given(
    bdk=st.sampled_from([16, 24, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n)),
    initial_key_id=st.binary(min_size=8, max_size=8),
    counter=counters(32, 16),
    usage=st.sampled_from(AES_USAGES),
    key_type=st.sampled_from(AES_KEY_TYPES),
)
def test_aes_host_matches_reference(bdk: bytes, initial_key_id: bytes, counter: int, usage: str, key_type: str) -> None:
    key = pg.Key(bdk, "aes", "bdk")
    initial_key = pg.dukpt.aes.derive_initial_key(key, initial_key_id)
    assert initial_key.export_clear() == aes_initial_key(bdk, initial_key_id)
    ksn = aes_ksn(initial_key_id, counter)
    refusable = KEY_TYPE_BITS[key_type] > len(bdk) * 8 or (
        key_type.startswith("hmac") and (usage == "pin" or usage.startswith("data") or usage == "kek")
    )
    try:
        derived = pg.dukpt.aes.derive_key(key, ksn, usage, key_type)
    except pg.PosguardError:
        assert refusable, (usage, key_type, len(bdk))
        return
    assert not (KEY_TYPE_BITS[key_type] > len(bdk) * 8), "a key stronger than the BDK must be refused"
    assert derived.export_clear() == aes_derive(bdk, ksn, usage, key_type)


def test_aes_device_agrees_with_the_reference_host_across_save_and_restore() -> None:
    rng = random.Random(11222026)
    for size in (16, 32):
        bdk = bytes(rng.randrange(256) for _ in range(size))
        ikid = bytes(rng.randrange(256) for _ in range(8))
        initial_key = pg.dukpt.aes.derive_initial_key(pg.Key(bdk, "aes", "bdk"), ikid)
        device = pg.dukpt.aes.Device(initial_key, aes_ksn(ikid, 0))
        seen = set()
        for i in range(400):
            if i % 89 == 0:
                device = pg.dukpt.aes.Device.restore(device.save())
            expected_ksn = device.ksn
            ksn, key = device.next("pin", "aes128")
            assert ksn == expected_ksn and ksn not in seen
            seen.add(ksn)
            assert 1 <= bin(int.from_bytes(ksn[8:], "big")).count("1") <= 16
            assert key.export_clear() == aes_derive(bdk, ksn, "pin", "aes128")
