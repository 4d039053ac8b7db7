"""posguard vs psec from Python, side by side in one run: PIN block encryption,
the ANSI X9.19 retail MAC (ISO 9797-1 algorithm 3) over 256 bytes, and TR-31
key block unwrap (versions B and D).

Same inputs and keys for both; each library's output is first checked by the
other (so both sides do the same work), then each call is timed with timeit
(best of 5 repeats). Target: posguard >= 20x psec for the PIN blocks and the
retail MAC (issue 4); the TR-31 ratio is reported. Run it with the venv that
`cargo xtask test` / `cargo xtask bench` sets up:

    target/py-venv/bin/python benches/python/compare_psec.py
"""

import timeit
import warnings
from collections.abc import Callable

import posguard as pg
from psec import des, pinblock, tr31
from psec import mac as psec_mac

# psec reaches TripleDES through a deprecated path: silence the warning so psec is
# not timed emitting it.
warnings.filterwarnings("ignore", module="psec")
warnings.filterwarnings("ignore", message=".*TripleDES.*")

PIN = "739164"
PAN = "4111111111111111"
TDES = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
AES = bytes.fromhex("AF8CB133A78F8DC2D1359F18527593FB")
MAC_KEY = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
MESSAGE = bytes(range(256))
KBPK_TDES = bytes.fromhex("DD7515F2BFC17F85CE48F3CA25CB21F6")
KBPK_AES = bytes.fromhex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6")
TARGET = 20.0


def ops_per_second(call: Callable[[], object]) -> float:
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return number / min(timer.repeat(repeat=5, number=number))


def unwrappers(kbpk: pg.Key, kbpk_bytes: bytes, block: str) -> tuple[Callable[[], object], Callable[[], object]]:
    return (lambda: pg.tr31.unwrap(kbpk, block, strict=False)), (lambda: tr31.unwrap(kbpk_bytes, block))


def main() -> None:
    tdes_key = pg.Key(TDES, "tdes", "pin")
    aes_key = pg.Key(AES, "aes", "pin")
    cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "format 0, TDES",
            lambda: pg.pin.encrypt(PIN, PAN, tdes_key, 0),
            lambda: des.encrypt_tdes_ecb(TDES, pinblock.encode_pinblock_iso_0(PIN, PAN)),
        ),
        (
            "format 4, AES-128",
            lambda: pg.pin.encrypt(PIN, PAN, aes_key, 4),
            lambda: pinblock.encipher_pinblock_iso_4(AES, PIN, PAN),
        ),
    ]
    # Cross-check before timing: psec decrypts ours, we decrypt psec's.
    ours0 = pg.pin.encrypt(PIN, PAN, tdes_key, 0)
    theirs0 = des.encrypt_tdes_ecb(TDES, pinblock.encode_pinblock_iso_0(PIN, PAN))
    assert pinblock.decode_pinblock_iso_0(des.decrypt_tdes_ecb(TDES, ours0), PAN) == PIN
    assert pg.pin.decrypt(theirs0, PAN, tdes_key, 0) == PIN
    ours4, theirs4 = pg.pin.encrypt(PIN, PAN, aes_key, 4), pinblock.encipher_pinblock_iso_4(AES, PIN, PAN)
    assert pinblock.decipher_pinblock_iso_4(AES, ours4, PAN) == PIN
    assert pg.pin.decrypt(theirs4, PAN, aes_key, 4) == PIN

    mak = pg.Key(MAC_KEY, "tdes", "mac_iso9797_3")
    cases.append(
        (
            "retail MAC, 256 B",
            lambda: pg.mac.generate(mak, MESSAGE, "iso9797_3"),
            lambda: psec_mac.generate_retail_mac(MAC_KEY[:8], MAC_KEY[8:], MESSAGE, 1),
        )
    )
    assert cases[2][1]() == cases[2][2]()
    targeted = len(cases)

    for version, kbpk_bytes, algorithm in (("B", KBPK_TDES, "tdes"), ("D", KBPK_AES, "aes")):
        kbpk = pg.Key(kbpk_bytes, algorithm, "kbpk")
        block = tr31.wrap(kbpk_bytes, tr31.Header(version, "P0", "T", "E", "00", "N"), TDES)
        # psec blocks may carry a non-minimal PB and no key length obfuscation: read them leniently.
        assert pg.tr31.unwrap(kbpk, block, strict=False).export_clear() == TDES
        assert tr31.unwrap(kbpk_bytes, pg.tr31.wrap(kbpk, tdes_key, version=version))[1] == TDES
        cases.append((f"TR-31 unwrap {version}", *unwrappers(kbpk, kbpk_bytes, block)))

    print(f"posguard vs psec (posguard {pg.__version__}), best of 5, timeit")
    print(f"{'case':<20}{'posguard ops/s':>16}{'psec ops/s':>14}{'ratio':>9}")
    worst = float("inf")
    for i, (name, ours, theirs) in enumerate(cases):
        ours_ops, theirs_ops = ops_per_second(ours), ops_per_second(theirs)
        ratio = ours_ops / theirs_ops
        if i < targeted:
            worst = min(worst, ratio)
        print(f"{name:<20}{ours_ops:>16,.0f}{theirs_ops:>14,.0f}{ratio:>8.1f}x")
    verdict = "met" if worst >= TARGET else "NOT met"
    print(f"target >= {TARGET:.0f}x (PIN blocks, retail MAC): {verdict} (lowest ratio {worst:.1f}x)")


if __name__ == "__main__":
    main()
