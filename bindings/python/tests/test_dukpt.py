"""TDES and AES DUKPT: the published vectors (core/tests/vectors/dukpt_tdes.json, dukpt_aes.json),
device vs host, save/restore, exhaustion, and bad input as typed errors."""

from typing import Any

import posguard as pg
import pytest
from support import vectors

TDES_VECTORS = vectors("dukpt_tdes.json")
AES_VECTORS = vectors("dukpt_aes.json")
TDES_USAGES = ["pin", "mac_request", "mac_response", "data_request", "data_response"]
AES_USAGES = ["pin", "mac_generate", "mac_verify", "mac_both", "data_encrypt", "data_decrypt", "data_both", "kek"]

# X9.24-1:2009 A.4 (see dukpt_tdes.json's description).
BDK = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
KSN0 = bytes.fromhex("FFFF9876543210E00000")
TDES_BDK = pg.Key(BDK, "tdes", "bdk")
# X9.24-3:2017 supplement, AES-128 BDK (see dukpt_aes.json).
AES_BDK = pg.Key(bytes.fromhex("FEDCBA9876543210F1F1F1F1F1F1F1F1"), "aes", "bdk")
IKID = bytes.fromhex("1234567890123456")


def ids(v: dict[str, Any]) -> str:
    return str(v["name"])


def h(s: str) -> bytes:
    return bytes.fromhex(s)


# --- TDES: published vectors ----------------------------------------------------------------


@pytest.mark.parametrize("v", TDES_VECTORS, ids=ids)
def test_tdes_host_known_answers(v: dict[str, Any]) -> None:
    bdk = pg.Key(h(v["bdk"]), "tdes", "bdk")
    ksn = h(v["ksn"])
    ipek = pg.dukpt.tdes.derive_ipek(bdk, ksn)
    assert ipek.export_clear() == h(v["ipek"])
    assert (ipek.usage_code, ipek.mode) == ("B1", "X")
    pin_key = pg.dukpt.tdes.derive_key(bdk, ksn, "pin")
    assert pin_key.export_clear() == pg.dukpt.tdes.derive_key_from_ipek(ipek, bytearray(ksn), "pin").export_clear()
    assert (pin_key.usage, pin_key.mode) == ("pin", "B")
    if v["pin_key"]:
        assert pin_key.export_clear() == h(v["pin_key"])
    if v["transaction_key"]:
        mask = h("00000000000000FF00000000000000FF")
        assert bytes(a ^ b for a, b in zip(pin_key.export_clear(), mask, strict=True)) == h(v["transaction_key"])
    mac_key = pg.dukpt.tdes.derive_key(bdk, memoryview(ksn), "mac_request")
    assert (mac_key.usage_code, mac_key.mode) == ("M3", "C")
    if v["mac_request_key"]:
        assert mac_key.export_clear() == h(v["mac_request_key"])
    # ISO 9564-1 format 0 is deterministic: the published encrypted PIN block, end to end.
    assert pg.pin.encrypt(v["pin"], v["pan"], pin_key, 0) == h(v["encrypted_pin_block"])
    assert pg.pin.decrypt(h(v["encrypted_pin_block"]), v["pan"], pin_key, 0) == v["pin"]
    if v["message"]:
        message = h(v["message"])
        for usage, field in (("mac_request", "mac_request"), ("mac_response", "mac_response")):
            key = pg.dukpt.tdes.derive_key(bdk, ksn, usage)
            assert pg.mac.generate(key, message, "iso9797_3") == h(v[field])
            pg.mac.verify(key, message, h(v[field]), "iso9797_3")
        for usage, field in (("data_request", "data_request_ciphertext"), ("data_response", "data_response_ciphertext")):
            key = pg.dukpt.tdes.derive_key(bdk, ksn, usage)
            assert (key.usage, key.mode) == ("data", "B")
            assert pg.data.encrypt(key, message, padding="zeros") == h(v[field])
            assert pg.data.decrypt(key, h(v[field])).rstrip(b"\0") == message


def test_tdes_device_reproduces_the_annex_sequences() -> None:
    """A.4.2 initial sequence from the initial KSN; A.4.3 rollover from its first KSN (after save/restore)."""
    annex = [v for v in TDES_VECTORS if v["transaction_key"]]
    initial = [v for v in annex if v["ksn"].startswith("FFFF9876543210E000")]
    rollover = [v for v in annex if not v["ksn"].startswith("FFFF9876543210E000")]
    assert (len(initial), len(rollover)) == (21, 13)
    ipek = pg.Key(h(annex[0]["ipek"]), "tdes", "ipek")
    for device, expected in (
        (pg.dukpt.tdes.Device(ipek, KSN0), initial),
        (pg.dukpt.tdes.Device.restore(pg.dukpt.tdes.Device(ipek, h(rollover[0]["ksn"])).save()), rollover),
    ):
        for v in expected:
            assert device.ksn.hex().upper() == v["ksn"]
            ksn, key = device.next("pin")
            assert ksn.hex().upper() == v["ksn"]
            assert key.export_clear() == h(v["pin_key"])
            assert pg.pin.encrypt(v["pin"], v["pan"], key, 0) == h(v["encrypted_pin_block"])


def test_tdes_device_and_host_agree_for_a_thousand_transactions() -> None:
    ipek = pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0)
    device = pg.dukpt.tdes.Device(ipek, KSN0)
    start = device.remaining
    assert start == 1048575  # counters of 1..10 one-bits in 21 bits
    seen = set()
    for i in range(1000):
        if i % 150 == 0:
            state = device.save()
            assert isinstance(state, bytes)
            device = pg.dukpt.tdes.Device.restore(bytearray(state))
        usage = TDES_USAGES[i % 5]
        ksn, key = device.next(usage)
        assert ksn not in seen
        seen.add(ksn)
        assert key.export_clear() == pg.dukpt.tdes.derive_key(TDES_BDK, ksn, usage).export_clear()
        assert key.export_clear() == pg.dukpt.tdes.derive_key_from_ipek(ipek, ksn, usage).export_clear()
    assert device.remaining == start - 1000
    assert "Device" in repr(device) and ipek.export_clear().hex().upper() not in repr(device)


def test_tdes_device_exhaustion() -> None:
    ipek = pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0)
    # Counter 1FF800: the top 10 bits of the 21-bit counter, the last valid counter.
    last = (int.from_bytes(KSN0, "big") | 0x1FF800).to_bytes(10, "big")
    device = pg.dukpt.tdes.Device(ipek, last)
    assert device.remaining == 1 and device.ksn == last
    ksn, key = device.next("pin")
    assert ksn == last
    assert key.export_clear() == pg.dukpt.tdes.derive_key(TDES_BDK, last, "pin").export_clear()
    assert device.remaining == 0
    for d in (device, pg.dukpt.tdes.Device.restore(device.save())):
        with pytest.raises(pg.StateError) as e:
            d.next("pin")
        assert e.value.code == 61


# --- AES: published vectors -----------------------------------------------------------------


@pytest.mark.parametrize("v", [v for v in AES_VECTORS if v["kind"] != "derivation_key"], ids=ids)
def test_aes_known_answers(v: dict[str, Any]) -> None:
    bdk = pg.Key(h(v["bdk"]), "aes", "bdk")
    ikid = h(v["initial_key_id"])
    ik = pg.dukpt.aes.derive_initial_key(bdk, ikid)
    assert (ik.algorithm, ik.usage_code) == ("aes", "B1")
    if v.get("initial_key"):
        assert ik.export_clear() == h(v["initial_key"])
    kind = v["kind"]
    if kind == "initial_key":
        assert ik.export_clear() == h(v["key"])
    elif kind in ("working_key", "pin_block"):
        ksn = h(v["ksn"])
        key = pg.dukpt.aes.derive_key(bdk, ksn, v["usage"], v["key_type"])
        assert key.export_clear() == h(v["key"])
        assert pg.dukpt.aes.derive_working_key(ik, ksn, v["usage"], v["key_type"]).export_clear() == h(v["key"])
        if kind == "pin_block":
            field = h(v["pin_field"])
            block = pg.pin.encrypt(v["pin"], v["pan"], key, 4, rng=lambda n: field[8 : 8 + n])
            assert block == h(v["encrypted_pin_block"])
            assert pg.pin.decrypt(block, v["pan"], key, 4) == v["pin"]
    elif kind == "update_key":
        key = pg.dukpt.aes.derive_update_key(ik, ikid, v["key_type"])
        assert key.export_clear() == h(v["key"])
        assert key.usage == "kek"
    else:
        pytest.fail(f"unknown kind {kind}")


def test_aes_device_reproduces_published_working_keys() -> None:
    ik = pg.dukpt.aes.derive_initial_key(AES_BDK, IKID)
    device = pg.dukpt.aes.Device(ik, IKID + bytes(4))
    assert device.key_type == "aes128"
    bdk_hex = "FEDCBA9876543210F1F1F1F1F1F1F1F1"
    published = {
        (v["ksn"], v["usage"], v["key_type"]): v["key"]
        for v in AES_VECTORS
        if v["kind"] == "working_key" and v["bdk"] == bdk_hex
    }
    checked = 0
    for counter in range(1, 9):
        for (ksn_hex, usage, key_type), expected in published.items():
            if ksn_hex == (IKID + counter.to_bytes(4, "big")).hex().upper():
                restored = pg.dukpt.aes.Device.restore(device.save())
                ksn, key = restored.next(usage, key_type)
                assert ksn.hex().upper() == ksn_hex and key.export_clear() == h(expected), (ksn_hex, usage)
                checked += 1
        device.next("pin")
    assert checked >= 20


def test_aes_device_and_host_agree_for_every_usage() -> None:
    for bdk_len, key_types in ((16, ["aes128", "tdes2", "tdes3", "hmac128"]), (32, ["aes256", "aes192", "hmac256"])):
        bdk = pg.Key(bytes(range(7, 7 + bdk_len)), "aes", "bdk")
        ik = pg.dukpt.aes.derive_initial_key(bdk, IKID)
        device = pg.dukpt.aes.Device(ik, IKID + bytes(4))
        for i in range(300):
            if i % 70 == 0:
                device = pg.dukpt.aes.Device.restore(memoryview(device.save()))
            key_type = key_types[i % len(key_types)]
            usage = AES_USAGES[i % len(AES_USAGES)]
            if key_type.startswith("hmac"):
                usage = ["mac_generate", "mac_verify", "mac_both"][i % 3]
            expected_ksn = device.ksn
            ksn, key = device.next(usage, key_type)
            assert ksn == expected_ksn
            assert key.export_clear() == pg.dukpt.aes.derive_key(bdk, ksn, usage, key_type).export_clear()
        ksn, key = device.next("pin")
        assert key.algorithm == "aes" and len(key.export_clear()) == bdk_len


def test_aes_derived_keys_carry_their_usage() -> None:
    """The usage names the device's operation; the host holds the same key for the opposite one."""
    ksn = IKID + bytes.fromhex("00000001")
    host = {
        ("pin", "aes128"): ("aes", "P0", "B"),
        ("mac_generate", "aes128"): ("aes", "M6", "V"),
        ("mac_verify", "tdes2"): ("tdes", "M6", "G"),
        ("mac_both", "hmac128"): ("hmac", "M7", "C"),
        ("data_encrypt", "aes128"): ("aes", "D0", "D"),
        ("data_decrypt", "aes128"): ("aes", "D0", "E"),
        ("data_both", "tdes3"): ("tdes", "D0", "B"),
        ("kek", "aes128"): ("aes", "K0", "B"),
    }
    for (usage, key_type), attrs in host.items():
        k = pg.dukpt.aes.derive_key(AES_BDK, ksn, usage, key_type)
        assert (k.algorithm, k.usage_code, k.mode) == attrs, (usage, key_type)
    ik = pg.dukpt.aes.derive_initial_key(AES_BDK, IKID)
    _, device_mac = pg.dukpt.aes.Device(ik, ksn).next("mac_generate")
    assert (device_mac.usage_code, device_mac.mode) == ("M6", "G")
    _, device_data = pg.dukpt.aes.Device(ik, ksn).next("data_encrypt")
    assert (device_data.usage_code, device_data.mode) == ("D0", "E")

    # The device MACs and encrypts; the host verifies and decrypts with the keys it derives.
    tag = pg.mac.generate(device_mac, b"message", "cmac")
    host_mac = pg.dukpt.aes.derive_key(AES_BDK, ksn, "mac_generate", "aes128")
    pg.mac.verify(host_mac, b"message", tag, "cmac")
    with pytest.raises(pg.KeyUsageError):
        pg.mac.generate(host_mac, b"message", "cmac")
    with pytest.raises(pg.KeyUsageError):
        pg.mac.verify(device_mac, b"message", tag, "cmac")
    ct = pg.data.encrypt(device_data, bytes(32))
    assert pg.data.decrypt(pg.dukpt.aes.derive_key(AES_BDK, ksn, "data_encrypt", "aes128"), ct) == bytes(32)

    # A DUKPT PIN key goes straight into pin.encrypt; a MAC key is refused there, and the reverse.
    pin_key = pg.dukpt.aes.derive_key(AES_BDK, ksn, "pin", "aes128")
    mac_key = pg.dukpt.aes.derive_key(AES_BDK, ksn, "mac_both", "aes128")
    pan = "4111111111111111"
    assert pg.pin.decrypt(pg.pin.encrypt("1234", pan, pin_key, 4), pan, pin_key, 4) == "1234"
    with pytest.raises(pg.KeyUsageError):
        pg.pin.encrypt("1234", pan, mac_key, 4)
    with pytest.raises(pg.KeyUsageError):
        pg.mac.generate(pin_key, b"x", "cmac")
    pg.mac.verify(mac_key, b"message", pg.mac.generate(mac_key, b"message", "cmac"), "cmac")
    hmac_key = pg.dukpt.aes.derive_key(AES_BDK, ksn, "mac_both", "hmac128")
    pg.mac.verify(hmac_key, b"message", pg.mac.generate(hmac_key, b"message", "hmac_sha256"), "hmac_sha256")


def test_aes_device_exhaustion() -> None:
    ik = pg.dukpt.aes.derive_initial_key(AES_BDK, IKID)
    last = IKID + bytes.fromhex("FFFF0000")  # the last counter with at most 16 one-bits
    device = pg.dukpt.aes.Device(ik, last)
    assert device.remaining == 1 and device.ksn == last
    ksn, key = device.next("pin")
    assert ksn == last and key.export_clear() == pg.dukpt.aes.derive_key(AES_BDK, last, "pin", "aes128").export_clear()
    assert device.remaining == 0
    for d in (device, pg.dukpt.aes.Device.restore(device.save())):
        with pytest.raises(pg.StateError) as e:
            d.next("pin")
        assert e.value.code == 61


# --- Bad input ------------------------------------------------------------------------------


def raises(exc: type[pg.PosguardError], code: int | None, call: Any) -> pg.PosguardError:
    with pytest.raises(exc) as e:
        call()
    if code is not None:
        assert e.value.code == code, e.value
    return e.value


IPEK = pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0)
AES_IK = pg.dukpt.aes.derive_initial_key(AES_BDK, IKID)

BAD: dict[str, tuple[type[pg.PosguardError], int | None, Any]] = {
    "tdes ksn of 9 bytes": (pg.InvalidInputError, 60, lambda: pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0[:9])),
    "tdes ksn of 12 bytes": (pg.InvalidInputError, 60, lambda: pg.dukpt.tdes.derive_key(TDES_BDK, KSN0 + b"00", "pin")),
    "tdes counter of 11 one-bits": (
        pg.InvalidInputError,
        60,
        lambda: pg.dukpt.tdes.derive_key(TDES_BDK, KSN0[:7] + bytes.fromhex("0007FF"), "pin"),
    ),
    "tdes device with 11 one-bits": (
        pg.InvalidInputError,
        60,
        lambda: pg.dukpt.tdes.Device(IPEK, KSN0[:7] + bytes.fromhex("0007FF")),
    ),
    "tdes device ksn of 8 bytes": (pg.InvalidInputError, 60, lambda: pg.dukpt.tdes.Device(IPEK, KSN0[:8])),
    "tdes unknown usage": (pg.InvalidInputError, None, lambda: pg.dukpt.tdes.derive_key(TDES_BDK, KSN0, "mac")),
    "tdes device unknown usage": (pg.InvalidInputError, None, lambda: pg.dukpt.tdes.Device(IPEK, KSN0).next("P0x")),
    "tdes bdk with wrong usage": (
        pg.KeyUsageError,
        None,
        lambda: pg.dukpt.tdes.derive_ipek(pg.Key(BDK, "tdes", "pin"), KSN0),
    ),
    "tdes bdk that is aes": (pg.KeyUsageError, None, lambda: pg.dukpt.tdes.derive_ipek(AES_BDK, KSN0)),
    "tdes device from a bdk": (pg.KeyUsageError, None, lambda: pg.dukpt.tdes.Device(TDES_BDK, KSN0)),
    "tdes restore garbage": (pg.InvalidInputError, 62, lambda: pg.dukpt.tdes.Device.restore(b"PGTD" + bytes(40))),
    "tdes restore empty": (pg.InvalidInputError, 62, lambda: pg.dukpt.tdes.Device.restore(b"")),
    "tdes restore an aes state": (
        pg.InvalidInputError,
        62,
        lambda: pg.dukpt.tdes.Device.restore(pg.dukpt.aes.Device(AES_IK, IKID + bytes(4)).save()),
    ),
    "aes ksn of 10 bytes": (pg.InvalidInputError, 60, lambda: pg.dukpt.aes.derive_key(AES_BDK, KSN0, "pin", "aes128")),
    "aes initial key id of 7 bytes": (pg.InvalidInputError, None, lambda: pg.dukpt.aes.derive_initial_key(AES_BDK, IKID[:7])),
    "aes counter of 17 one-bits": (
        pg.InvalidInputError,
        60,
        lambda: pg.dukpt.aes.derive_key(AES_BDK, IKID + bytes.fromhex("0001FFFF"), "pin", "aes128"),
    ),
    "aes device with 17 one-bits": (
        pg.InvalidInputError,
        60,
        lambda: pg.dukpt.aes.Device(AES_IK, IKID + bytes.fromhex("0001FFFF")),
    ),
    "aes unknown usage": (pg.InvalidInputError, None, lambda: pg.dukpt.aes.derive_key(AES_BDK, IKID + b"\0\0\0\1", "cvk", "aes128")),
    "aes unknown key type": (
        pg.InvalidInputError,
        None,
        lambda: pg.dukpt.aes.derive_key(AES_BDK, IKID + b"\0\0\0\1", "pin", "aes512"),
    ),
    "aes hmac pin key": (
        pg.PosguardError,
        None,
        lambda: pg.dukpt.aes.derive_key(AES_BDK, IKID + b"\0\0\0\1", "pin", "hmac128"),
    ),
    "aes key stronger than the bdk": (
        pg.PosguardError,
        None,
        lambda: pg.dukpt.aes.derive_key(AES_BDK, IKID + b"\0\0\0\1", "pin", "aes256"),
    ),
    "aes bdk that is tdes": (pg.KeyUsageError, None, lambda: pg.dukpt.aes.derive_initial_key(TDES_BDK, IKID)),
    "aes device from a pin key": (
        pg.KeyUsageError,
        None,
        lambda: pg.dukpt.aes.Device(pg.Key(bytes(16), "aes", "pin"), IKID + bytes(4)),
    ),
    "aes restore truncated": (
        pg.InvalidInputError,
        62,
        lambda: pg.dukpt.aes.Device.restore(pg.dukpt.aes.Device(AES_IK, IKID + bytes(4)).save()[:-1]),
    ),
    "aes device unknown key type": (
        pg.InvalidInputError,
        None,
        lambda: pg.dukpt.aes.Device(AES_IK, IKID + bytes(4)).next("pin", "des"),
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_raises_typed_error(case: str) -> None:
    exc, code, call = BAD[case]
    raises(exc, code, call)


def test_a_corrupted_state_is_refused() -> None:
    state = bytearray(pg.dukpt.tdes.Device(IPEK, KSN0).save())
    for i in range(len(state)):
        for bit in (0, 7):
            state[i] ^= 1 << bit
            with pytest.raises(pg.InvalidInputError):
                pg.dukpt.tdes.Device.restore(state)
            state[i] ^= 1 << bit
    pg.dukpt.tdes.Device.restore(state)


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0.hex())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.dukpt.tdes.Device(BDK, KSN0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pg.dukpt.aes.Device.restore("state")  # type: ignore[arg-type]


def test_module_surface() -> None:
    assert set(pg.dukpt.__all__) == {"tdes", "aes"}
    assert set(pg.dukpt.tdes.__all__) == {"Device", "Transaction", "derive_ipek", "derive_key", "derive_key_from_ipek"}
    assert set(pg.dukpt.aes.__all__) == {
        "Device",
        "Transaction",
        "derive_initial_key",
        "derive_key",
        "derive_update_key",
        "derive_working_key",
    }


def test_one_transaction_gives_several_keys_under_one_ksn() -> None:
    """A terminal encrypts the PIN and MACs the request under the same KSN."""
    device = pg.dukpt.tdes.Device(pg.dukpt.tdes.derive_ipek(TDES_BDK, KSN0), KSN0)
    txn = device.next_transaction()
    assert device.ksn != txn.ksn
    for usage in TDES_USAGES:
        assert txn.key(usage).export_clear() == pg.dukpt.tdes.derive_key(TDES_BDK, txn.ksn, usage).export_clear()
    ik = pg.dukpt.aes.derive_initial_key(AES_BDK, IKID)
    aes_device = pg.dukpt.aes.Device(ik, IKID + bytes(4))
    txn = aes_device.next_transaction()
    pin_key, mac_key = txn.key("pin"), txn.key("mac_generate", "aes128")
    assert (pin_key.usage_code, mac_key.usage_code, mac_key.mode) == ("P0", "M6", "G")
    host = pg.dukpt.aes.derive_key(AES_BDK, txn.ksn, "mac_generate", "aes128")
    assert host.export_clear() == mac_key.export_clear() and host.mode == "V"
    assert "redacted" in repr(txn) and pin_key.export_clear().hex() not in repr(txn).lower()


def test_a_refused_aes_key_request_uses_no_counter() -> None:
    device = pg.dukpt.aes.Device(pg.dukpt.aes.derive_initial_key(AES_BDK, IKID), IKID + bytes(4))
    before = device.ksn
    for usage, key_type in (("pin", "hmac128"), ("pin", "aes256"), ("data_both", "hmac128")):
        with pytest.raises(pg.KeyUsageError):
            device.next(usage, key_type)
    assert device.ksn == before
