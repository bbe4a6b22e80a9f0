"""The figures of bench watch-floor-load (see bench/bench_watch_floor_load.py): its result line, the live
events checked against the access policy, and the per-kind figures and failures on standard error."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.common import BenchResult, percentile
from bench.watch_floor_data import visible_reports
from bench.watch_floor_phases import Outcome, Sizes

NAME = "watch-floor-load"


def _percentile_or_zero(values: Sequence[float], fraction: float) -> float:
    """The percentile in ms to 0.1, or 0 when nothing was measured."""
    return round(percentile(values, fraction), 1) if values else 0


def bench_result(outcome: Outcome, *, sizes: Sizes, setup_seconds: float, export_rows: int) -> BenchResult:
    """The result line: `project` is the floor's p99 and `baseline` the lone analyst's."""
    floor, baseline = outcome.floor, outcome.baseline
    latencies, baseline_latencies = floor.interactive(), baseline.interactive()
    p99, baseline_p99 = percentile(latencies, 0.99), percentile(baseline_latencies, 0.99)
    by_kind = {kind: percentile(values, 0.99) for kind, values in floor.latencies.items() if kind != "export"}
    slowest = max(by_kind, key=by_kind.get)
    doubled = sum(1 for times in floor.validated.values() if len(times) > 1)
    return BenchResult(
        name=NAME,
        project=round(p99, 1),
        baseline=round(baseline_p99, 1),
        ratio=baseline_p99 / p99,
        extras={
            "p99_ms": round(p99, 1),
            "p50_ms": round(percentile(latencies, 0.5), 1),
            "errors": floor.errors,
            "exports": floor.exports,
            "exports_failed": floor.exports_failed,
            "validations": floor.validations,
            "conflicts": floor.conflicts,
            "double_validations": doubled,
            "queue_empty": floor.queue_empty,
            "streams": outcome.streams_open,
            "stream_reconnects": sum(client.reconnects for client in outcome.clients),
            "events_received": sum(client.events_received for client in outcome.clients),
            "alerts_received": sum(client.alerts_received for client in outcome.clients),
            **stream_deliveries(outcome),
            "requests": len(latencies) + floor.exports,
            "export_p50_ms": _percentile_or_zero(floor.export_ms, 0.5),
            "export_max_ms": round(max(floor.export_ms), 1) if floor.export_ms else 0,
            "export_rows": export_rows,
            "slowest": slowest,
            "slowest_p99_ms": round(by_kind[slowest], 1),
            "baseline_p50_ms": round(percentile(baseline_latencies, 0.5), 1),
            "baseline_errors": baseline.errors,
            "baseline_export_ms": round(baseline.export_ms[0], 1) if baseline.export_ms else 0,
            "client_lag_p99_ms": _percentile_or_zero(outcome.client_lag_ms, 0.99),
            "server_cpu_pct": round(outcome.server_cpu_pct),
            "client_cpu_pct": round(outcome.client_cpu_pct),
            "clients": sizes.clients,
            "seconds": round(sizes.seconds),
            "stored": sizes.stored,
            "pool": sizes.pool,
            "setup_s": round(setup_seconds),
        },
    )


def stream_deliveries(outcome: Outcome) -> dict[str, object]:
    """Live events against the access policy: expected deliveries, deliveries, their latency, leaks."""
    validated = {report: min(times) for report, times in outcome.floor.validated.items()}
    received = set().union(*(client.received.keys() for client in outcome.clients))
    visible = visible_reports({client.username for client in outcome.clients}, set(validated) | received)
    expected = deliveries = leaks = 0
    latencies = []
    for client in outcome.streaming:
        mine = visible[client.username]
        expected += len(mine & set(validated))
        for report, arrived in client.received.items():
            if report not in mine:
                leaks += 1
            elif report in validated:
                deliveries += 1
                latencies.append(max(0.0, (arrived - validated[report]) * 1000))
    return {
        "stream_deliveries": deliveries,
        "stream_deliveries_expected": expected,
        "delivery_p50_ms": _percentile_or_zero(latencies, 0.5),
        "delivery_p99_ms": _percentile_or_zero(latencies, 0.99),
        "stream_leaks": leaks,
    }


def print_details(outcome: Outcome, server_log: Path) -> None:
    """Figures per kind of request and what went wrong, on standard error (standard output keeps its line)."""
    out = sys.stderr
    for phase, tally in (("baseline", outcome.baseline), ("floor", outcome.floor)):
        for kind, values in sorted(tally.latencies.items()):
            print(
                f"{NAME} {phase}: {kind} n={len(values)} p50_ms={percentile(values, 0.5):.1f} "
                f"p99_ms={percentile(values, 0.99):.1f} max_ms={max(values):.1f}",
                file=out,
            )
        for (kind, status, body), count in tally.failures.most_common(12):
            print(f"{NAME} {phase}: {count} x {kind} {status}: {body}", file=out)
        for problem, count in tally.export_problems.most_common(6):
            print(f"{NAME} {phase}: {count} x export failed: {problem}", file=out)
    _print_timeline(outcome, out)
    for line, count in _traceback_endings(server_log).most_common(8):
        print(f"{NAME} server: {count} x {line}", file=out)


TIMELINE_SLICE_SECONDS = 10.0


def _print_timeline(outcome: Outcome, out) -> None:
    """The floor's requests (exports aside) by when they started, in slices of TIMELINE_SLICE_SECONDS, and
    its ten slowest with their start: a warm-up burst, a steady tail and a stall of the whole server (many
    slow requests started together) each look different here."""
    timeline = [entry for entry in outcome.floor.timeline if entry[1] != "export"]
    slices: dict[int, list[float]] = {}
    for started, _, elapsed in timeline:
        number = int((started - outcome.floor_started) // TIMELINE_SLICE_SECONDS)
        slices.setdefault(number, []).append(elapsed)
    for number, values in sorted(slices.items()):
        print(
            f"{NAME} floor at {number * TIMELINE_SLICE_SECONDS:+.0f}s: n={len(values)} "
            f"p50_ms={percentile(values, 0.5):.1f} p99_ms={percentile(values, 0.99):.1f} "
            f"max_ms={max(values):.1f}",
            file=out,
        )
    for turn in outcome.minute_turns:
        print(f"{NAME} floor: the clock's minute turned at {turn:+.0f}s (the maps' windows moved)", file=out)
    for started, kind, elapsed in sorted(timeline, key=lambda entry: -entry[2])[:10]:
        offset = started - outcome.floor_started
        print(f"{NAME} floor slow: {kind} at {offset:+.2f}s took {elapsed:.0f} ms", file=out)


def _traceback_endings(server_log: Path) -> Counter:
    """The last line (the exception) of each traceback in the server's log, counted."""
    endings: Counter = Counter()
    if not server_log.exists():
        return endings
    lines = server_log.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            ending = next(filter(_ends_a_traceback, lines[number + 1 :]), "")
            endings[ending[:240]] += 1
    return endings


def _ends_a_traceback(line: str) -> bool:
    """Whether a line after a traceback's header is its exception: not blank, not an indented frame."""
    return bool(line) and not line.startswith((" ", "Traceback"))
