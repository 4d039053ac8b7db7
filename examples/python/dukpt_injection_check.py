"""A test-rig style key injection and DUKPT transaction check with posguard.

The "key injection facility" derives a PIN pad's initial key (IPEK) from the BDK
and sends it in a TR-31 key block (version D) under the key block protection key
(KBPK) shared with the pad, with the initial KSN in a KS optional block. The
"PIN pad" unwraps it, loads its TDES DUKPT device and runs transactions: a PIN
block under the transaction's PIN key and an ANSI X9.19 retail MAC under its MAC
request key. The "host" derives the same keys from the BDK and the KSN, recovers
the PIN and verifies the MAC. Negative checks: a tampered key block, a tampered
message and a PIN key used for a MAC are all refused.

Only KSNs, check values, blocks and MACs are printed, never a clear key or PIN.
Run it with the installed wheel: `python examples/python/dukpt_injection_check.py`.
"""

import sys

import posguard as pg

# Demo keys (never use published keys in production): the ANSI X9.24-1 Annex A test BDK and KSN.
BDK = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
INITIAL_KSN = bytes.fromhex("FFFF9876543210E00000")
KBPK = bytes.fromhex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6")

PAN = "4012345678909"
PIN = "739164"
MESSAGE = b"0200 4012345678909 000000012500"


def step(text: str) -> None:
    print(f"  - {text}")


def main() -> int:
    print(f"posguard {pg.__version__}: DUKPT key injection check")

    # Key injection facility: IPEK from the BDK, wrapped for the pad.
    bdk = pg.Key(BDK, "tdes", "bdk")
    kbpk = pg.Key(KBPK, "aes", "kbpk")
    ipek = pg.dukpt.tdes.derive_ipek(bdk, INITIAL_KSN)
    block = pg.tr31.wrap(kbpk, ipek, optional_blocks=[("KS", INITIAL_KSN.hex().upper())])
    header = pg.tr31.inspect(block)
    step(f"key block {header.version} {header.usage_code} {header.algorithm} KS={dict(header.optional_blocks)['KS']}")

    # PIN pad: unwrap, load the device.
    loaded = pg.tr31.unwrap(kbpk, block)
    if loaded.kcv() != ipek.kcv():
        print("FAIL: the unwrapped IPEK differs")
        return 1
    device = pg.dukpt.tdes.Device(loaded, bytes.fromhex(dict(header.optional_blocks)["KS"]))
    step(f"device loaded: IPEK KCV {loaded.kcv().hex().upper()}, {device.remaining} transactions left")

    for n in range(3):
        ksn, pin_key = device.next("pin")
        pin_block = pg.pin.encrypt(PIN, PAN, pin_key, "iso0")
        # The request MAC key of the same transaction is derived from the same KSN.
        mac_key = pg.dukpt.tdes.derive_key_from_ipek(loaded, ksn, "mac_request")
        mac = pg.mac.generate(mac_key, MESSAGE, "iso9797_3", padding=1)
        state = device.save()  # the pad persists its state (sealed, in a real device) after every transaction
        device = pg.dukpt.tdes.Device.restore(state)

        # Host: keys from the BDK and the KSN.
        host_pin = pg.pin.decrypt(pin_block, PAN, pg.dukpt.tdes.derive_key(bdk, ksn, "pin"), "iso0")
        pg.mac.verify(pg.dukpt.tdes.derive_key(bdk, ksn, "mac_request"), MESSAGE, mac, "iso9797_3")
        if host_pin != PIN:
            print("FAIL: host recovered a different PIN")
            return 1
        step(f"transaction {n + 1}: KSN {ksn.hex().upper()} PIN block {pin_block.hex().upper()} MAC {mac.hex().upper()}")

    tampered = block[:-1] + ("0" if block[-1] != "0" else "1")
    try:
        pg.tr31.unwrap(kbpk, tampered)
    except pg.IntegrityError as e:
        step(f"tampered key block refused (code {e.code})")
    else:
        print("FAIL: a tampered key block was accepted")
        return 1

    try:
        pg.mac.verify(pg.dukpt.tdes.derive_key(bdk, ksn, "mac_request"), MESSAGE + b"0", mac, "iso9797_3")
    except pg.IntegrityError as e:
        step(f"tampered message refused (code {e.code})")
    else:
        print("FAIL: a tampered message verified")
        return 1

    try:
        pg.mac.generate(pin_key, MESSAGE, "iso9797_3")
    except pg.KeyUsageError as e:
        step(f"PIN key refused for a MAC (code {e.code})")
    else:
        print("FAIL: a PIN key computed a MAC")
        return 1

    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
