"""Run the benchmarks: `python -m bench` runs them all, `python -m bench gazetteer` only that one.

Each module bench/bench_NAME.py defines `run(*, quick: bool) -> list[BenchResult]`; every result
becomes one line on standard output (see README.md for the format).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
import traceback
from pathlib import Path

from bench.common import format_line, quick

_PREFIX = "bench_"


def available() -> list[str]:
    """Names of the benchmark modules, without the bench_ prefix, in a stable order."""
    directory = str(Path(__file__).resolve().parent)
    return sorted(
        module.name.removeprefix(_PREFIX)
        for module in pkgutil.iter_modules([directory])
        if module.name.startswith(_PREFIX)
    )


def run_one(name: str, *, quick_run: bool) -> None:
    module = importlib.import_module(f"bench.{_PREFIX}{name}")
    site = getattr(module, "SITE", "mission")
    if site != os.environ.get("PEACEKEEPER_SITE", "mission"):
        # A benchmark of the other site runs in a process of that site's settings (the public site's
        # installs Wagtail; Django is set up once per process).
        subprocess.run(
            [sys.executable, "-m", "bench", name], env=dict(os.environ, PEACEKEEPER_SITE=site), check=True
        )
        return
    for result in module.run(quick=quick_run):
        print(format_line(result), flush=True)


def main(argv: list[str]) -> int:
    known = available()
    unknown = [name for name in argv if name not in known]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(known)}", file=sys.stderr)
        return 2
    failed = []
    for name in argv or known:
        # One broken benchmark should not hide the figures of the others, but it must fail the run.
        try:
            run_one(name, quick_run=quick())
        except Exception:
            traceback.print_exc()
            failed.append(name)
    if failed:
        print(f"benchmark(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
