"""The gazetteer lookup a watchkeeper types into: every name of every place, accent- and script-blind.

`lookup(query="zvec")` finds Zveçan, Zvečan and Звечан alike, one result per place. Matching works on
folded words (see `names.fold`): every word of the query must be the prefix of some word of one name
of the place. Results rank exact full-name matches first, then names that start with the query, then
the rest, each group by importance.

The index lives in process memory, built on first use from every name of every place (see
`searchable_names`): the folded names, and all (folded word, name) pairs sorted by word, so that the
names with a word starting with a prefix are one bisected range. Each lookup compares a cheap
database signature (row counts and highest ids of Place and PlaceName, one small query) with the one
the index was built from, so places and names added or deleted by any process show up on the next
lookup. Edits in place (a renamed name, a changed importance, position or KFOR designation) do not
change that signature: code that edits them, loaders included, must call `invalidate()` once its
transaction has committed (`transaction.on_commit(gazetteer.invalidate)`).

Access control is the caller's job: sites may be sensitive, so an endpoint that serves lookups to users
must filter matches of kind "site" through the access policy.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable, Set
from dataclasses import dataclass, replace

from django.db import connection, models

from peacekeeper.theatre.models import CrossingPoint, Place, PlaceName
from peacekeeper.theatre.names import fold

MAX_QUERY_LENGTH = 100

# Sorts after every folded word that starts with a given prefix, closing the bisect range.
_AFTER_PREFIX = "\U0010ffff"

# Ranks, best first: the query is the whole name, the name starts with it, or only words match.
_EXACT, _NAME_PREFIX, _WORD_PREFIX = 0, 1, 2
# How one name of a place compares with its other names: rank, then the tie-breaks of _name_order.
_NameOrder = tuple[int, bool, bool, str]


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    place_id: int
    name: str  # the place's primary name
    matched_name: str  # the name (in whatever language or script) that matched the query
    kind: str
    lat: float | None
    lon: float | None
    area_name: str | None
    importance: float
    approximate: bool


@dataclass(frozen=True, slots=True)
class _Name:
    place_id: int
    raw: str  # as written, returned as matched_name
    key: str  # folded words joined by single spaces
    casefolded: str  # raw.casefold(): prefers the name in the script and accents the user typed


@dataclass(frozen=True, slots=True)
class _Index:
    signature: tuple[int, ...]
    names: tuple[_Name, ...]
    # Every (folded word, position in `names`) pair, sorted by word, as two parallel tuples so that
    # bisect runs on plain strings: the words starting with a prefix form one contiguous range.
    words: tuple[str, ...]
    word_names: tuple[int, ...]
    places: dict[int, PlaceMatch]  # matched_name holds the primary name until a lookup replaces it

    def names_matching(self, query_words: Iterable[str]) -> set[int]:
        """Positions of the names in which every query word is the prefix of some word."""
        ranges = sorted((self._word_range(word) for word in set(query_words)), key=lambda r: r[1] - r[0])
        low, high = ranges[0]
        found = set(self.word_names[low:high])
        for low, high in ranges[1:]:
            if not found:
                break
            found.intersection_update(self.word_names[low:high])
        return found

    def _word_range(self, prefix: str) -> tuple[int, int]:
        low = bisect_left(self.words, prefix)
        return low, bisect_left(self.words, prefix + _AFTER_PREFIX, low)


_index: _Index | None = None
_build_lock = threading.Lock()


def invalidate() -> None:
    """Drop the in-memory index; the next lookup rebuilds it. Call after changing places or names."""
    global _index
    _index = None


def lookup(
    *, query: str, limit: int = 10, kinds: Set[str] | None = None, hidden: Set[int] = frozenset()
) -> list[PlaceMatch]:
    """The best `limit` places whose names match what the user typed, optionally only of `kinds`.

    `hidden` holds ids of places the reader may not know of (sites not released to them); the
    caller computes it through the access policy, and they are skipped before the limit applies.
    """
    _check_arguments(query=query, limit=limit, kinds=kinds)
    # fold leaves words of letters and digits separated by single spaces: "Jarinje (KFOR 'Gate 1')"
    # becomes "jarinje kfor gate 1", so "gate" is the prefix of one of its words.
    query_words = fold(query).split()
    if not query_words:
        return []
    index = _current_index()
    best = _best_name_per_place(index, query_words, typed=query.strip().casefold(), kinds=kinds)
    hits = [
        (index.places[name.place_id], order[0], name)
        for order, name in best.values()
        if name.place_id not in hidden
    ]
    hits.sort(key=lambda hit: _place_order(hit[0], rank=hit[1]))
    return [_as_match(place, name) for place, _, name in hits[:limit]]


def _check_arguments(*, query: str, limit: int, kinds: Set[str] | None) -> None:
    if len(query) > MAX_QUERY_LENGTH:
        raise ValueError(
            f"query is {len(query)} characters long; the gazetteer takes at most {MAX_QUERY_LENGTH}"
        )
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    if kinds is not None and not kinds <= set(Place.Kind.values):
        unknown = ", ".join(sorted(kinds - set(Place.Kind.values)))
        raise ValueError(f"unknown place kind(s): {unknown} (known: {', '.join(Place.Kind.values)})")


def _best_name_per_place(
    index: _Index, query_words: list[str], *, typed: str, kinds: Set[str] | None
) -> dict[int, tuple[_NameOrder, _Name]]:
    """For each matching place (by id), its best-matching name and that name's order (rank first)."""
    query_key = " ".join(query_words)
    best: dict[int, tuple[_NameOrder, _Name]] = {}
    for position in index.names_matching(query_words):
        name = index.names[position]
        place = index.places[name.place_id]
        if kinds is not None and place.kind not in kinds:
            continue
        order = _name_order(name, place, query_key=query_key, typed=typed)
        current = best.get(name.place_id)
        if current is None or order < current[0]:
            best[name.place_id] = (order, name)
    return best


def _name_order(name: _Name, place: PlaceMatch, *, query_key: str, typed: str) -> _NameOrder:
    # Among equally good names of one place, show the one written as the user typed it
    # ("звеч" → Звечан, "zveč" → Zvečan), else the primary name.
    return _rank(name.key, query_key), not name.casefolded.startswith(typed), name.raw != place.name, name.raw


def _rank(name_key: str, query_key: str) -> int:
    if name_key == query_key:
        return _EXACT
    if name_key.startswith(query_key):
        return _NAME_PREFIX
    return _WORD_PREFIX


def _place_order(place: PlaceMatch, *, rank: int) -> tuple[int, float, str, int]:
    return rank, -place.importance, place.name, place.place_id


def _as_match(place: PlaceMatch, name: _Name) -> PlaceMatch:
    return place if name.raw == place.name else replace(place, matched_name=name.raw)


def _current_index() -> _Index:
    global _index
    signature = _database_signature()
    index = _index
    if index is not None and index.signature == signature:
        return index
    # One thread builds while the others wait, instead of every request building its own copy.
    with _build_lock:
        index = _index
        if index is None or index.signature != signature:
            index = _build_index(signature)
            _index = index
    return index


def _database_signature() -> tuple[int, ...]:
    """Row counts and highest ids of Place and PlaceName: changes whenever rows are added or deleted.

    Ids are never reused (SQLite AUTOINCREMENT, PostgreSQL sequences), so deleting one row and adding
    another still changes the highest id. One raw query, because the ORM's overhead would double its cost.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_count_and_top_id(Place)}, {_count_and_top_id(PlaceName)}")
        row = cursor.fetchone()
    return tuple(value or 0 for value in row)


def _count_and_top_id(model: type[models.Model]) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    return f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({key}) FROM {table})"  # noqa: S608 (quoted names only)


def searchable_names() -> list[tuple[int, str]]:
    """Every (place id, name as written) the gazetteer matches on, each once.

    A place's primary name (even without a PlaceName row), its PlaceName rows, and for a crossing its
    KFOR designation: watchkeepers say "Gate 1" for Jarinje. Road junctions are nodes of the network,
    named for its roads, not places anyone looks up.
    """
    places = Place.objects.exclude(kind=Place.Kind.JUNCTION).order_by("id")
    written = list(places.values_list("id", "name"))
    written += PlaceName.objects.order_by("id").values_list("place_id", "name")
    designations = CrossingPoint.objects.exclude(kfor_designation="").order_by("id")
    written += designations.values_list("place_id", "kfor_designation")
    return list(dict.fromkeys(written))


def _build_index(signature: tuple[int, ...]) -> _Index:
    # Names are folded here with the same `fold` as the query, rather than read from PlaceName.folded,
    # so that a row written by an older fold (or by hand, without one) still matches.
    names = [
        _Name(place_id=place_id, raw=raw, key=key, casefolded=raw.casefold())
        for place_id, raw in searchable_names()
        if (key := fold(raw))
    ]
    pairs = sorted((word, position) for position, name in enumerate(names) for word in set(name.key.split()))
    return _Index(
        signature=signature,
        names=tuple(names),
        words=tuple(word for word, _ in pairs),
        word_names=tuple(position for _, position in pairs),
        places=_load_places(),
    )


def _load_places() -> dict[int, PlaceMatch]:
    rows = Place.objects.order_by().values_list(
        "id", "name", "kind", "lat", "lon", "area__name_en", "importance", "approximate"
    )
    return {
        place_id: PlaceMatch(place_id, name, name, kind, lat, lon, area_name, importance, approximate)
        for place_id, name, kind, lat, lon, area_name, importance, approximate in rows
    }
