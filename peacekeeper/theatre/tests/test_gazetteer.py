"""The gazetteer lookup: accent- and script-blind prefix matching, ranking, limits and freshness."""

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.theatre import gazetteer
from peacekeeper.theatre.gazetteer import MAX_QUERY_LENGTH, PlaceMatch, lookup
from peacekeeper.theatre.loading import load_scenario
from peacekeeper.theatre.models import Area, Place, PlaceName
from peacekeeper.theatre.names import fold

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    # Each test's rows are rolled back afterwards and their ids reused, which the index's
    # database signature cannot tell apart: start and end every test without an index.
    gazetteer.invalidate()
    yield
    gazetteer.invalidate()


def make_place(
    name: str, *alternatives: str, kind: str = Place.Kind.POPULATED, importance: float = 0.0
) -> Place:
    place = Place.objects.create(name=name, kind=kind, importance=importance, scenario_key=f"test:{name}")
    for written in (name, *alternatives):
        PlaceName.objects.create(place=place, name=written, folded=fold(written))
    return place


def make_place_once(name: str, *alternatives: str) -> None:
    # Hypothesis runs many examples inside one test's transaction.
    if not Place.objects.filter(name=name).exists():
        make_place(name, *alternatives)


def names_found(query: str, **options: object) -> list[str]:
    return [match.name for match in lookup(query=query, **options)]


@pytest.fixture
def zvecan() -> Place:
    return make_place("Zveçan", "Zvečan", "Звечан", importance=0.6)


def test_latin_query_finds_every_spelling_of_a_place_once(zvecan: Place) -> None:
    matches = lookup(query="zvecan")

    assert [match.place_id for match in matches] == [zvecan.pk]
    assert matches[0].name == "Zveçan"


def test_latin_query_finds_cyrillic_names() -> None:
    mitrovica = make_place("Mitrovicë", "Митровица", importance=0.8)

    [match] = lookup(query="mitrovica")

    assert match.place_id == mitrovica.pk
    assert match.matched_name == "Митровица"


def test_cyrillic_query_finds_the_place(zvecan: Place) -> None:
    [match] = lookup(query="звеч")

    assert match.place_id == zvecan.pk
    assert match.matched_name == "Звечан"


@pytest.mark.parametrize(
    ("query", "matched_name"),
    [("zveč", "Zvečan"), ("Zveç", "Zveçan"), ("zvec", "Zveçan"), ("ZVEČAN", "Zvečan")],
)
def test_matched_name_is_the_spelling_the_user_typed(zvecan: Place, query: str, matched_name: str) -> None:
    [match] = lookup(query=query)

    assert match.matched_name == matched_name


def test_query_matches_the_prefix_of_any_word_of_a_name() -> None:
    jarinje = make_place("Jarinje (KFOR 'Gate 1')", "Jarinjë", kind=Place.Kind.CROSSING)

    for query in ("gate", "kfor", "gate 1", "jarinje"):
        assert [match.place_id for match in lookup(query=query)] == [jarinje.pk], query


def test_every_query_word_must_prefix_a_word_of_the_same_name() -> None:
    north = make_place("Mitrovicë e Veriut", "Severna Kosovska Mitrovica", importance=0.7)

    assert [match.place_id for match in lookup(query="severna mitro")] == [north.pk]
    assert [match.place_id for match in lookup(query="mitro sev")] == [north.pk]
    assert lookup(query="veriut severna") == []  # two words, but from two different names


def test_exact_name_ranks_first_then_name_prefix_then_word_prefix() -> None:
    make_place("Opština Gora", importance=0.9)
    make_place("Goraždevac", importance=0.5)
    make_place("Gora", importance=0.1)

    assert names_found("gora") == ["Gora", "Goraždevac", "Opština Gora"]


def test_city_ranks_above_village_with_the_same_prefix() -> None:
    make_place("Pridvorica", importance=0.1)
    make_place("Prishtinë", "Priština", "Приштина", importance=1.0)

    assert names_found("pri") == ["Prishtinë", "Pridvorica"]


def test_ties_of_rank_and_importance_go_by_name() -> None:
    for name in ("Banjë", "Bajgora", "Balince"):
        make_place(name, importance=0.2)

    assert names_found("ba") == ["Bajgora", "Balince", "Banjë"]


def test_limit_keeps_the_most_important_places() -> None:
    for number in range(1, 6):
        make_place(f"Sela {number}", importance=number / 10)

    assert names_found("sela", limit=3) == ["Sela 5", "Sela 4", "Sela 3"]


def test_kinds_limit_results_to_those_kinds() -> None:
    make_place("Merdarë", kind=Place.Kind.CROSSING)
    make_place("Merdare", kind=Place.Kind.POPULATED)
    make_place("Merdare Camp", kind=Place.Kind.SITE)

    found = lookup(query="merdar", kinds={Place.Kind.CROSSING, Place.Kind.SITE})

    assert sorted(match.kind for match in found) == [Place.Kind.CROSSING, Place.Kind.SITE]


def test_places_of_every_kind_are_found_by_default() -> None:
    for kind in Place.Kind.values:
        make_place(f"Brezovica {kind}", kind=kind)

    assert sorted(match.kind for match in lookup(query="brezovica")) == sorted(Place.Kind.values)


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown place kind.*camp"):
        lookup(query="camp", kinds={"camp"})


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "-- ''"])
def test_blank_query_finds_nothing(zvecan: Place, query: str) -> None:
    assert lookup(query=query) == []


def test_overlong_query_is_rejected() -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_QUERY_LENGTH}"):
        lookup(query="a" * (MAX_QUERY_LENGTH + 1))


def test_query_of_the_maximum_length_is_accepted(zvecan: Place) -> None:
    assert lookup(query="zvecan" + " " * (MAX_QUERY_LENGTH - 6)) != []


def test_limit_below_one_is_rejected() -> None:
    with pytest.raises(ValueError, match="limit must be at least 1"):
        lookup(query="zvecan", limit=0)


def test_match_carries_what_the_map_needs() -> None:
    area = Area.objects.create(code="XK-MUN-TEST", level=Area.Level.MUNICIPALITY, name_en="Leposavić")
    place = Place.objects.create(
        name="Jarinje",
        kind=Place.Kind.CROSSING,
        area=area,
        lat=43.18,
        lon=20.77,
        importance=0.4,
        approximate=True,
        scenario_key="test:jarinje",
    )

    assert lookup(query="jarinje") == [
        PlaceMatch(
            place_id=place.pk,
            name="Jarinje",
            matched_name="Jarinje",
            kind="crossing",
            lat=43.18,
            lon=20.77,
            area_name="Leposavić",
            importance=0.4,
            approximate=True,
        )
    ]


def test_primary_name_is_found_without_a_name_row() -> None:
    place = Place.objects.create(name="Gazimestan", scenario_key="test:gazimestan")

    assert [match.place_id for match in lookup(query="gazim")] == [place.pk]


def test_place_added_after_invalidate_is_found(zvecan: Place) -> None:
    assert lookup(query="leposa") == []  # builds the index

    leposavic = make_place("Leposaviq", "Leposavić", "Лепосавић")
    gazetteer.invalidate()

    assert [match.place_id for match in lookup(query="leposa")] == [leposavic.pk]


def test_place_added_elsewhere_is_found_without_invalidate(zvecan: Place) -> None:
    # Another process adding rows cannot call our invalidate(); the row counts tell the index instead.
    assert lookup(query="leposa") == []

    leposavic = make_place("Leposaviq", "Leposavić")

    assert [match.place_id for match in lookup(query="leposa")] == [leposavic.pk]


def test_deleted_place_is_no_longer_found(zvecan: Place) -> None:
    assert lookup(query="zvecan") != []

    zvecan.delete()

    assert lookup(query="zvecan") == []


def test_renamed_place_is_found_by_its_new_name_after_invalidate(zvecan: Place) -> None:
    assert lookup(query="zvecan") != []

    PlaceName.objects.filter(place=zvecan, name="Zvečan").update(name="Zvečan Novi", folded="zvecan novi")
    gazetteer.invalidate()

    assert [match.matched_name for match in lookup(query="novi")] == ["Zvečan Novi"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=MAX_QUERY_LENGTH), limit=st.integers(min_value=1, max_value=4))
def test_any_query_gives_distinct_places_each_with_a_matching_name(
    zvecan: Place, query: str, limit: int
) -> None:
    make_place_once("Mitrovicë e Veriut", "Severna Kosovska Mitrovica", "Северна Косовска Митровица")

    matches = lookup(query=query, limit=limit)

    assert len(matches) <= limit
    assert len({match.place_id for match in matches}) == len(matches)
    for match in matches:
        name_words = fold(match.matched_name).split()
        assert all(any(word.startswith(typed) for word in name_words) for typed in fold(query).split())


@pytest.fixture
def scenario(db: None) -> None:
    load_scenario(name="kosovo")


def test_scenario_finds_zvecan_once_in_any_script(scenario: None) -> None:
    for query in ("zvecan", "Zveçan", "Звечан", "звеч"):
        assert names_found(query) == ["Zvečan"], query


def test_scenario_latin_query_finds_both_mitrovicas_and_cyrillic_query_shows_cyrillic(scenario: None) -> None:
    assert {"Mitrovica", "North Mitrovica"} <= set(names_found("mitrovica"))
    assert lookup(query="митровица")[0].matched_name == "Митровица"


def test_scenario_kfor_designation_finds_the_crossing(scenario: None) -> None:
    assert names_found("gate") == ["Brnjak", "Jarinje"]
    [jarinje] = lookup(query="gate 1")
    assert (jarinje.name, jarinje.matched_name, jarinje.kind) == ("Jarinje", "Gate 1", Place.Kind.CROSSING)


def test_scenario_city_ranks_above_village_starting_with_pri(scenario: None) -> None:
    found = names_found("pri", limit=50)

    assert found[0] == "Pristina"
    assert found.index("Pristina") < found.index("Prilep")


def test_scenario_every_place_is_found_by_its_primary_name(scenario: None) -> None:
    # Road junctions are nodes of the network, named for its roads: not places anyone looks up.
    for place in Place.objects.exclude(kind=Place.Kind.JUNCTION):
        ids = [match.place_id for match in lookup(query=place.name, limit=Place.objects.count())]
        assert place.pk in ids, place.name


def test_scenario_sites_can_be_left_out(scenario: None) -> None:
    everything = {match.kind for match in lookup(query="camp", limit=50)}
    without_sites = lookup(query="camp", limit=50, kinds={Place.Kind.POPULATED, Place.Kind.CROSSING})

    assert Place.Kind.SITE in everything
    assert all(match.kind != Place.Kind.SITE for match in without_sites)
