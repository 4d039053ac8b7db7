"""posguard vs psec: PIN block encryption from Python, side by side in one run.

Same PIN, PAN and keys for both; each library's block is first checked by the
other (so both sides do the same work), then each call is timed with timeit
(best of 5 repeats). Target: posguard >= 20x psec. Run it with the venv that
`cargo xtask test` / `cargo xtask bench` sets up:

    target/py-venv/bin/python benches/python/compare_psec.py
"""

import timeit
import warnings
from collections.abc import Callable

import posguard as pg
from psec import des, pinblock

# psec reaches TripleDES through a deprecated path: silence the warning so psec is
# not timed emitting it.
warnings.filterwarnings("ignore", module="psec")
warnings.filterwarnings("ignore", message=".*TripleDES.*")

PIN = "739164"
PAN = "4111111111111111"
TDES = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
AES = bytes.fromhex("AF8CB133A78F8DC2D1359F18527593FB")
TARGET = 20.0


def ops_per_second(call: Callable[[], object]) -> float:
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return number / min(timer.repeat(repeat=5, number=number))


def main() -> None:
    tdes_key = pg.Key(TDES, "tdes", "pin")
    aes_key = pg.Key(AES, "aes", "pin")
    cases: list[tuple[str, Callable[[], bytes], Callable[[], bytes]]] = [
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
    assert pinblock.decode_pinblock_iso_0(des.decrypt_tdes_ecb(TDES, cases[0][1]()), PAN) == PIN
    assert pg.pin.decrypt(cases[0][2](), PAN, tdes_key, 0) == PIN
    assert pinblock.decipher_pinblock_iso_4(AES, cases[1][1](), PAN) == PIN
    assert pg.pin.decrypt(cases[1][2](), PAN, aes_key, 4) == PIN

    print(f"pg.pin.encrypt vs psec (posguard {pg.__version__}), best of 5, timeit")
    print(f"{'case':<20}{'posguard ops/s':>16}{'psec ops/s':>14}{'ratio':>9}")
    worst = float("inf")
    for name, ours, theirs in cases:
        ours_ops, theirs_ops = ops_per_second(ours), ops_per_second(theirs)
        ratio = ours_ops / theirs_ops
        worst = min(worst, ratio)
        print(f"{name:<20}{ours_ops:>16,.0f}{theirs_ops:>14,.0f}{ratio:>8.1f}x")
    verdict = "met" if worst >= TARGET else "NOT met"
    print(f"target >= {TARGET:.0f}x: {verdict} (lowest ratio {worst:.1f}x)")


if __name__ == "__main__":
    main()
