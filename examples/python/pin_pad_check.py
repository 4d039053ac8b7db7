"""A certification-rig style PIN pad check with posguard.

The rig injects a terminal PIN key (AES, format 4) and knows the host zone PIN
key (TDES, format 0). It checks both keys by their check values, has the "PIN
pad" encrypt a PIN bound to the card's PAN, translates the block to the host
key as an acquirer switch would, and verifies the host recovers the PIN. Then
it runs two negative checks a lab expects: a MAC key must not encrypt PINs, and
a weak PIN must be refused at PIN change.

Only check values and encrypted blocks are printed, never a clear key or PIN.
Run it with the installed wheel: `python examples/python/pin_pad_check.py`.
"""

import sys

import posguard as pg

# Demo keys (never use published keys in production). The TDES key and its check
# value 08D7B4 are the well-known test key of ANSI X9.24-1 / psec.
HOST_ZPK = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
HOST_ZPK_KCV = bytes.fromhex("08D7B4")
TERMINAL_PEK = bytes.fromhex("AF8CB133A78F8DC2D1359F18527593FB")

PAN = "4111111111111111"
PIN = "739164"


def step(text: str) -> None:
    print(f"  - {text}")


def main() -> int:
    print(f"posguard {pg.__version__}: PIN pad check")

    host = pg.Key(HOST_ZPK, "tdes", "pin")
    host.verify_kcv(HOST_ZPK_KCV)  # raises pg.IntegrityError on a wrong key
    terminal = pg.Key(bytearray(TERMINAL_PEK), "aes", "pin")
    step(f"keys loaded: host {host.kind} KCV {host.kcv().hex().upper()} (verified), "
         f"terminal {terminal.kind} KCV {terminal.kcv().hex().upper()}")

    pg.pin.check_policy(PIN)
    pad_block = pg.pin.encrypt(PIN, PAN, terminal, "iso4")
    step(f"PIN pad block (ISO 4): {pad_block.hex().upper()}")

    host_block = pg.pin.translate(pad_block, PAN, terminal, "iso4", host, "iso0")
    step(f"translated to host key (ISO 0): {host_block.hex().upper()}")

    if pg.pin.decrypt(host_block, PAN, host, "iso0") != PIN:
        print("FAIL: host recovered a different PIN")
        return 1
    step("host recovered the PIN entered on the pad")

    mac_key = pg.Key(HOST_ZPK, "tdes", "mac")
    try:
        pg.pin.encrypt(PIN, PAN, mac_key, "iso0")
    except pg.KeyUsageError as e:
        step(f"MAC key refused for PIN encryption (code {e.code})")
    else:
        print("FAIL: a MAC key encrypted a PIN")
        return 1

    try:
        pg.pin.check_policy("1234")
    except pg.WeakPinError as e:
        step(f"weak PIN refused at PIN change (code {e.code}: {e})")
    else:
        print("FAIL: weak PIN accepted")
        return 1

    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
