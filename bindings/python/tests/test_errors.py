"""Bad input: every case gives its typed exception with the stable code of posguard::Error::code()."""

from collections.abc import Callable
from typing import Any

import posguard as pg
import pytest
from support import tdes

PAN = "4012345678909"
TDES = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
AES = bytes.fromhex("00112233445566778899AABBCCDDEEFF")
TDES_PIN = pg.Key(TDES, "tdes", "pin")
AES_PIN = pg.Key(AES, "aes", "pin")
TDES_MAC = pg.Key(TDES, "tdes", "mac")


def raises(exc: type[pg.PosguardError], code: int, call: Callable[[], Any]) -> pg.PosguardError:
    with pytest.raises(exc) as e:
        call()
    assert e.value.code == code, e.value
    return e.value


CASES: dict[str, tuple[type[pg.PosguardError], int, Callable[[], Any]]] = {
    "tdes key of 15 bytes": (pg.InvalidInputError, 1, lambda: pg.Key(TDES[:15], "tdes", "pin")),
    "aes key of 20 bytes": (pg.InvalidInputError, 1, lambda: pg.Key(bytes(20), "aes", "pin")),
    "sm4 key of 24 bytes": (pg.InvalidInputError, 1, lambda: pg.Key(bytes(24), "sm4", "pin")),
    "tdes key with equal halves": (pg.InvalidInputError, 2, lambda: pg.Key(TDES[:8] * 2, "tdes", "pin")),
    "single des pin key": (pg.KeyUsageError, 4, lambda: pg.Key(TDES[:8], "des", "pin")),
    "unknown algorithm": (pg.InvalidInputError, 5, lambda: pg.Key(TDES, "rsa", "pin")),
    "unknown usage": (pg.InvalidInputError, 6, lambda: pg.Key(TDES, "tdes", "Z9")),
    "unknown mode": (pg.InvalidInputError, 7, lambda: pg.Key(TDES, "tdes", "pin", "Q")),
    "mode not allowed for usage": (pg.InvalidInputError, 7, lambda: pg.Key(TDES, "tdes", "pin", "G")),
    "mac key encrypts a pin": (pg.KeyUsageError, 3, lambda: pg.pin.encrypt("4821", PAN, TDES_MAC, 0)),
    "mac key decrypts a pin": (pg.KeyUsageError, 3, lambda: pg.pin.decrypt(bytes(8), PAN, TDES_MAC, 0)),
    "encrypt-only key decrypts": (
        pg.KeyUsageError,
        3,
        lambda: pg.pin.decrypt(bytes(8), PAN, pg.Key(TDES, "tdes", "P0", "E"), 0),
    ),
    "aes key for format 0": (pg.KeyUsageError, 4, lambda: pg.pin.encrypt("4821", PAN, AES_PIN, 0)),
    "tdes key for format 4": (pg.KeyUsageError, 4, lambda: pg.pin.encrypt("4821", PAN, TDES_PIN, 4)),
    "non-digit pin": (pg.InvalidInputError, 8, lambda: pg.pin.encrypt("48a1", PAN, TDES_PIN, 0)),
    "3-digit pin": (pg.InvalidInputError, 8, lambda: pg.pin.encrypt("482", PAN, TDES_PIN, 0)),
    "13-digit pin": (pg.InvalidInputError, 8, lambda: pg.pin.encode("4821482148214", PAN, 0)),
    "empty pin": (pg.InvalidInputError, 8, lambda: pg.pin.encode("", None, 2)),
    "short pan, format 0": (pg.InvalidInputError, 9, lambda: pg.pin.encrypt("4821", PAN[:12], TDES_PIN, 0)),
    "short pan, sm4": (pg.InvalidInputError, 9, lambda: pg.pin.encode("4821", PAN[:12], "sm4")),
    "20-digit pan, format 4": (pg.InvalidInputError, 9, lambda: pg.pin.encrypt("4821", "1" * 20, AES_PIN, 4)),
    "non-digit pan": (pg.InvalidInputError, 9, lambda: pg.pin.encode("4821", PAN[:-1] + "X", 3)),
    "missing pan": (pg.InvalidInputError, 9, lambda: pg.pin.encode("4821", None, 0)),
    "7-byte block": (pg.InvalidInputError, 10, lambda: pg.pin.decrypt(bytes(7), PAN, TDES_PIN, 0)),
    "8-byte block for format 4": (pg.InvalidInputError, 10, lambda: pg.pin.decrypt(bytes(8), PAN, AES_PIN, 4)),
    "9-byte clear block": (pg.InvalidInputError, 10, lambda: pg.pin.decode(bytes(9), None, 2)),
    "translate 0 to 1": (pg.InvalidInputError, 12, lambda: pg.pin.translate(bytes(8), PAN, TDES_PIN, 0, TDES_PIN, 1)),
    "translate 3 to 2": (pg.InvalidInputError, 12, lambda: pg.pin.translate(bytes(8), PAN, TDES_PIN, 3, TDES_PIN, 2)),
    "translate 4 to 1": (pg.InvalidInputError, 12, lambda: pg.pin.translate(bytes(16), PAN, AES_PIN, 4, TDES_PIN, 1)),
    "translate sm4 to 2": (
        pg.InvalidInputError,
        12,
        lambda: pg.pin.translate(bytes(16), PAN, pg.Key(AES, "sm4", "pin"), "sm4", TDES_PIN, 2),
    ),
    "kcv of 0 bytes": (pg.InvalidInputError, 14, lambda: TDES_PIN.kcv(0)),
    "kcv longer than the block": (pg.InvalidInputError, 14, lambda: TDES_PIN.kcv(9)),
    "kcv mismatch": (pg.IntegrityError, 21, lambda: TDES_PIN.verify_kcv(bytes(3))),
    "unknown kcv method": (pg.InvalidInputError, 16, lambda: TDES_PIN.kcv(3, "sha1")),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_raises_typed_error(case: str) -> None:
    exc, code, call = CASES[case]
    raises(exc, code, call)


# Clear format 2 blocks with one field broken each, from the valid 241234FFFFFFFFFF.
MALFORMED = {
    "control field": "141234FFFFFFFFFF",
    "pin length 3": "231234FFFFFFFFFF",
    "pin length 13": "2D1234FFFFFFFFFF",
    "non-decimal pin digit": "2412A4FFFFFFFFFF",
    "fill digit": "241234FFFFFFFFFE",
}


@pytest.mark.parametrize("field", MALFORMED)
def test_malformed_pin_field_is_invalid_block(field: str) -> None:
    clear = bytes.fromhex(MALFORMED[field])
    raises(pg.InvalidInputError, 10, lambda: pg.pin.decode(clear, None, 2))
    raises(pg.InvalidInputError, 10, lambda: pg.pin.decrypt(tdes(TDES, clear), None, TDES_PIN, 2))


@pytest.mark.parametrize("fmt", [5, -1, 256, 2**70, "iso5", "format9", "", "sm3"])
def test_unknown_format(fmt: int | str) -> None:
    raises(pg.InvalidInputError, 11, lambda: pg.pin.encode("4821", PAN, fmt))
    raises(pg.InvalidInputError, 11, lambda: pg.pin.decrypt(bytes(8), PAN, TDES_PIN, fmt))


@pytest.mark.parametrize(
    "call",
    [
        lambda: pg.pin.encode("4821", PAN, 1.0),  # type: ignore[arg-type]
        lambda: pg.pin.encode(b"4821", PAN, 0),  # type: ignore[arg-type]
        lambda: pg.pin.decode("241234FFFFFFFFFF", None, 2),  # type: ignore[arg-type]
        lambda: pg.Key([1] * 16, "tdes", "pin"),  # type: ignore[arg-type]
        lambda: pg.pin.encrypt("4821", PAN, TDES, 0),  # type: ignore[arg-type]
        lambda: pg.pin.encode("4821", None, 1, rng=b"not callable"),  # type: ignore[arg-type]
        lambda: pg.pin.check_policy("4821", blocklist="4821"),
    ],
    ids=["float format", "bytes pin", "str block", "list key", "raw bytes as key", "non-callable rng", "str blocklist"],
)
def test_wrong_types_are_type_errors(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError):
        call()


def test_unknown_kcv_method_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="method"):
        TDES_PIN.kcv(3, "sha1")  # type: ignore[arg-type]


def test_failing_rng_is_a_posguard_error_with_the_cause() -> None:
    def broken(n: int) -> bytes:
        raise OSError("entropy source unplugged")

    e = raises(pg.PosguardError, 30, lambda: pg.pin.encode("4821", None, 1, rng=broken))
    assert type(e) is pg.PosguardError
    assert isinstance(e.__cause__, OSError)
    e = raises(pg.PosguardError, 30, lambda: pg.pin.encrypt("4821", PAN, AES_PIN, 4, rng=lambda n: bytes(n - 1)))
    assert isinstance(e.__cause__, ValueError)


def test_hierarchy() -> None:
    assert issubclass(pg.InvalidInputError, pg.PosguardError) and issubclass(pg.InvalidInputError, ValueError)
    assert issubclass(pg.TlvError, pg.InvalidInputError) and pg.tlv.TlvError is pg.TlvError
    assert issubclass(pg.WeakPinError, pg.PosguardError) and issubclass(pg.WeakPinError, ValueError)
    for exc in (pg.KeyUsageError, pg.IntegrityError):
        assert issubclass(exc, pg.PosguardError) and not issubclass(exc, ValueError)


def test_errors_carry_no_secrets() -> None:
    pin, pan = "4821", "5412751234567890"
    block = pg.pin.encrypt(pin, pan, TDES_PIN, 0)
    other_pan = pan[:8] + "0" + pan[9:]  # a digit inside the PAN field: the fill no longer decodes
    errors = [
        raises(pg.InvalidInputError, 8, lambda: pg.pin.encrypt(pin + "x", pan, TDES_PIN, 0)),
        raises(pg.InvalidInputError, 9, lambda: pg.pin.encrypt(pin, pan + "x", TDES_PIN, 0)),
        raises(pg.InvalidInputError, 1, lambda: pg.Key(TDES + b"\x01", "tdes", "pin")),
        raises(pg.KeyUsageError, 3, lambda: pg.pin.decrypt(block, pan, TDES_MAC, 0)),
        raises(pg.InvalidInputError, 10, lambda: pg.pin.decrypt(block, other_pan, TDES_PIN, 0)),
        raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy("2580")),
    ]
    for e in errors:
        text = f"{e} {e!r}"
        for secret in (pin, pan, pan[3:15], "2580", TDES.hex(), TDES.hex().upper(), clear_hex(pin, pan)):
            assert secret not in text, e


def clear_hex(pin: str, pan: str) -> str:
    return pg.pin.encode(pin, pan, 0).hex()


@pytest.mark.parametrize("pin", ["0000", "1111", "999999", "1234", "9876", "123456", "0123", "1212", "2580", "112233"])
def test_weak_pins(pin: str) -> None:
    e = raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy(pin))
    assert isinstance(e, ValueError)


def test_pin_policy_is_configurable() -> None:
    for pin in ["4071", "1357924", "90210"]:
        pg.pin.check_policy(pin)
    pg.pin.check_policy("1234", reject_sequences=False)
    pg.pin.check_policy("0000", reject_repeated=False)
    pg.pin.check_policy("2580", reject_common=False)
    raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy("4071", blocklist=["4071", "8264"]))
    raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy("4071", blocklist=("4071",)))
    raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy("4071", min_length=6))
    raises(pg.WeakPinError, 13, lambda: pg.pin.check_policy("4071395", max_length=6))
    raises(pg.InvalidInputError, 8, lambda: pg.pin.check_policy("40a1"))
