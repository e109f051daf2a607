"""``make bench``: run every benchmark in this directory (by hand; never part of the test suite)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCHMARKS = [
    "allocation_bench",
    "naleving_bench",
    "planning_bench",
    "rapportage_bench",
    "harmonisatie_bench",
]


def main() -> int:
    import importlib

    status = 0
    for name in BENCHMARKS:
        print(f"== {name}")
        status |= importlib.import_module(name).main(sys.argv[1:])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
