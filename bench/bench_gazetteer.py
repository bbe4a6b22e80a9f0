"""Gazetteer lookup latency against a plain scan over the same names, on the Kosovo scenario.

Queries are what a watchkeeper types: every prefix (2 characters up to the whole) of every name as
written (Albanian, Serbian Latin and Cyrillic, with diacritics), of its folded form (no diacritics), and
of each later word of it ("gate", "mitro"). Both sides answer each query in turn, so machine noise
hits them alike; the project's figure includes the index's per-lookup freshness check (one small
database query), the baseline's does not touch the database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.common import BenchResult, percentile, setup_django, size
from peacekeeper.theatre.names import fold  # plain Python: safe to import before Django is set up

# A fixed random sample of the typed queries, or all of them (None).
QUERIES = {"full": None, "quick": 1000, "tiny": 50}
ROUNDS = {"full": 5, "quick": 3, "tiny": 1}
SEED = 20261129


@dataclass(frozen=True, slots=True)
class ScanName:
    written: str
    folded: str
    words: tuple[str, ...]
    place_id: int
    importance: float
    place_name: str


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    # Here and below, imports of models wait until setup_django has configured Django.
    from peacekeeper.theatre import gazetteer
    from peacekeeper.theatre.loading import load_scenario

    load_scenario()
    gazetteer.invalidate()
    names = scan_names()
    queries = typed_queries(names, sample=QUERIES[size()])
    build_ms = _timed_ms(lambda: gazetteer.lookup(query="zz"))
    check_agreement(queries, names)
    project, baseline = measure(queries, names, rounds=ROUNDS[size()])
    check_ms = [_timed_ms(gazetteer._database_signature) for _ in range(200)]  # the freshness check alone
    project_p50, baseline_p50 = percentile(project, 0.5), percentile(baseline, 0.5)
    extras: dict[str, object] = {
        "p50_ms": project_p50,
        "p99_ms": percentile(project, 0.99),
        "baseline_p99_ms": percentile(baseline, 0.99),
        "check_p50_ms": percentile(check_ms, 0.5),
        "build_ms": build_ms,
        "queries": len(queries),
        "places": len({name.place_id for name in names}),
        "names": len(names),
    }
    return [BenchResult("gazetteer", project_p50, baseline_p50, baseline_p50 / project_p50, extras)]


def scan_names() -> list[ScanName]:
    """The names the gazetteer indexes, as the baseline scans them: folded, and split into words."""
    from peacekeeper.theatre.gazetteer import searchable_names
    from peacekeeper.theatre.models import Place

    places = {
        place_id: (name, importance)
        for place_id, name, importance in Place.objects.values_list("id", "name", "importance")
    }
    names = []
    for place_id, written in searchable_names():
        if folded := fold(written):
            place_name, importance = places[place_id]
            names.append(ScanName(written, folded, tuple(folded.split()), place_id, importance, place_name))
    return names


def typed_queries(names: Sequence[ScanName], *, sample: int | None) -> list[str]:
    typed: set[str] = set()
    for name in names:
        typed.update(_prefixes(name.written))
        typed.update(_prefixes(name.folded))
        for word in name.words[1:]:
            typed.update(_prefixes(word))
    queries = sorted(typed)
    if sample is not None and len(queries) > sample:
        queries = sorted(random.Random(SEED).sample(queries, sample))
    return queries


def _prefixes(text: str) -> list[str]:
    return [text[:length] for length in range(2, len(text) + 1) if text[:length].strip()]


def scan_lookup(query: str, names: Sequence[ScanName], *, limit: int = 10) -> list[int]:
    """The baseline: fold the query, test every name, keep one hit per place, sort by importance."""
    key = fold(query)
    query_words = key.split()
    if not query_words:
        return []
    found: dict[int, ScanName] = {}
    for name in names:
        if name.folded.startswith(key) or all(
            any(word.startswith(query_word) for word in name.words) for query_word in query_words
        ):
            found.setdefault(name.place_id, name)
    ranked = sorted(found.values(), key=lambda name: (-name.importance, name.place_name))
    return [name.place_id for name in ranked[:limit]]


def check_agreement(queries: Sequence[str], names: Sequence[ScanName]) -> None:
    """Both sides must find the same places, or the comparison would be of different work."""
    from peacekeeper.theatre.gazetteer import lookup

    everything = len(names)
    for query in queries:
        ours = {match.place_id for match in lookup(query=query, limit=everything)}
        theirs = set(scan_lookup(query, names, limit=everything))
        if ours != theirs:
            raise AssertionError(f"gazetteer and scan disagree on {query!r}: {sorted(ours ^ theirs)}")


def measure(
    queries: Sequence[str], names: Sequence[ScanName], *, rounds: int
) -> tuple[list[float], list[float]]:
    """Per-lookup milliseconds of the gazetteer and of the scan, each query answered by both in turn."""
    from peacekeeper.theatre.gazetteer import lookup

    project: list[float] = []
    baseline: list[float] = []
    for _ in range(rounds):
        for query in queries:
            project.append(_timed_ms(lambda query=query: lookup(query=query)))
            baseline.append(_timed_ms(lambda query=query: scan_lookup(query, names)))
    return project, baseline


def _timed_ms(call: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    call()
    return (time.perf_counter_ns() - start) / 1e6
