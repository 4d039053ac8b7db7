"""posguard vs pyemv: BER-TLV decoding from Python, side by side in one run.

Every published sample of core/tests/vectors/tlv.json (FCIs, directory and card
records, GPO responses, field 55) is decoded by both libraries; each result is first
checked against the other's (pyemv's dict model), then each call is timed with timeit
(best of 5 repeats).

Two measures, because the libraries deliver differently: pyemv builds nested dicts of
``bytes`` up front; ``pg.tlv.decode`` checks the whole input, then returns ``Tlv`` views
that slice ``.value`` and decode ``.children`` on first access. "decode" times the call
alone; "decode+walk" also reads every tag, value and child of the result (the same
Python walk over both libraries' results), so nothing lazy is left out.

Target (issue 5): ``pg.tlv.decode`` >= 10x pyemv on a card record (the READ RECORD
responses). Run it with the venv that `cargo xtask test` / `cargo xtask bench` sets up:

    target/py-venv/bin/python benches/python/compare_pyemv.py
"""

import json
import statistics
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import posguard as pg
import pyemv

VECTORS = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors" / "tlv.json"
RECORD_KINDS = {"read_record", "capk", "directory_record"}  # responses to READ RECORD
TARGET = 10.0


def seconds(call: Callable[[], object]) -> float:
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def as_pyemv(tlvs: list[pg.tlv.Tlv]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for t in tlvs:
        out[t.tag] = as_pyemv(t.children) if t.constructed else t.value
    return out


def walk_ours(tlvs: list[pg.tlv.Tlv]) -> int:
    n = 0
    for t in tlvs:
        n += len(t.tag) + len(t.value) + walk_ours(t.children)
    return n


def walk_pyemv(tree: dict[str, Any]) -> int:
    n = 0
    for tag, value in tree.items():
        n += len(tag) + (walk_pyemv(value) if isinstance(value, dict) else len(value))
    return n


def main() -> None:
    samples = json.loads(VECTORS.read_text())["vectors"]
    print(f"pg.tlv.decode vs pyemv.tlv.decode (posguard {pg.__version__}, pyemv 1.5.0), best of 5, timeit")
    print(f"{'sample':<46}{'bytes':>6}{'tags':>5}{'pg µs':>8}{'pyemv µs':>10}{'ratio':>8}{'+walk ratio':>13}")
    ratios: dict[str, list[float]] = {"record": [], "other": [], "walk": []}
    for v in samples:
        data = bytes.fromhex(v["hex"])
        assert as_pyemv(pg.tlv.decode(data)) == pyemv.tlv.decode(data), v["name"]
        ours, theirs = seconds(lambda: pg.tlv.decode(data)), seconds(lambda: pyemv.tlv.decode(data))
        ours_walk = seconds(lambda: walk_ours(pg.tlv.decode(data)))
        theirs_walk = seconds(lambda: walk_pyemv(pyemv.tlv.decode(data)))
        ratio, walk_ratio = theirs / ours, theirs_walk / ours_walk
        ratios["record" if v["kind"] in RECORD_KINDS else "other"].append(ratio)
        ratios["walk"].append(walk_ratio)
        print(
            f"{v['name'][:45]:<46}{len(data):>6}{len(v['tags']):>5}{ours * 1e6:>8.2f}{theirs * 1e6:>10.2f}"
            f"{ratio:>7.1f}x{walk_ratio:>12.1f}x"
        )
    labels = {"record": "card records (decode)", "other": "other samples (decode)", "walk": "all (decode+walk)"}
    for name, label in labels.items():
        r = ratios[name]
        print(f"{label:<26} lowest {min(r):5.1f}x  geometric mean {statistics.geometric_mean(r):5.1f}x")
    records = ratios["record"]
    short = sum(r < TARGET for r in records)
    verdict = "met" if not short else f"NOT met on {short} of {len(records)} records"
    print(f"target >= {TARGET:.0f}x on a card record (decode): {verdict} (lowest ratio {min(records):.1f}x)")


if __name__ == "__main__":
    main()
