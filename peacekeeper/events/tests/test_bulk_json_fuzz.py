"""Fuzzing POST /api/events/bulk with JSON-ish items through the real client: always 2xx or 4xx, never 5xx;
a refused request stores nothing, and an answered one stores exactly what it says it created (issue 11)."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import ZVECAN

RECENT = (datetime.now(UTC) - timedelta(days=2)).isoformat()

# Values a careless or hostile client sends: huge and negative integers, non-finite numbers, NUL
# characters, lone surrogates, extreme moments, wrong types.
nasty_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63, -(2**63) - 1, 2**63 - 1, 10**30, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["\x00", "a\ud800b", "\udfff", "now", "", " " * 3]),
)
json_values = st.recursive(
    nasty_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
# Text with control characters and lone surrogates, which st.text() leaves out by default.
any_text = st.text(st.characters(categories=["L", "N", "P", "Zs", "Cc", "Cs"]), max_size=40)
moments = st.one_of(
    st.datetimes(
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))])
    ).map(datetime.isoformat),
    st.sampled_from(["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "1900-01-01T00:00:00Z", RECENT]),
)
whole_numbers = st.one_of(
    st.integers(0, 6), st.integers(), st.sampled_from([2**63, -(2**63) - 1, 2**63 - 1, 10**30, 0, -1])
)
# Per field, mostly a value of the right kind (so the item gets past the schema and reaches storage).
PLAUSIBLE = {
    "occurred_at": moments,
    "lat": st.floats(allow_nan=True, allow_infinity=True) | st.floats(42.0, 43.5),
    "lon": st.floats(allow_nan=True, allow_infinity=True) | st.floats(20.0, 21.5),
    "category": st.sampled_from(["fom.roadblock", "no.such"]) | any_text,
    "source_id": st.sampled_from(["a", "b", "c"]) | any_text,
    "source_timestamp": whole_numbers,
    "severity": whole_numbers,
    "killed_civilians": whole_numbers,
    "geo_precision": whole_numbers,
    "narrative": any_text,
    "actor1": any_text,
    "location_name": any_text,
    "marking": st.sampled_from(["NATO UNCLASSIFIED // REL TO KFOR", "NATO SECRET // X"]) | any_text,
    "allow_outside_theatre": st.booleans(),
}


def valid_item(source_id: str) -> dict:
    return {
        "occurred_at": RECENT,
        "lat": ZVECAN[0],
        "lon": ZVECAN[1],
        "category": "fom.roadblock",
        "marking": "NATO UNCLASSIFIED // REL TO KFOR",
        "source_id": source_id,
    }


@st.composite
def items(draw) -> object:
    if draw(st.integers(0, 19)) == 0:
        return draw(json_values)  # anything at all where an item belongs
    item = valid_item(draw(st.sampled_from(["a", "b", "c", "d"])))
    for name in draw(st.lists(st.sampled_from(sorted(PLAUSIBLE)), max_size=2, unique=True)):
        item[name] = draw(json_values if draw(st.integers(0, 9)) == 0 else PLAUSIBLE[name])
    if draw(st.integers(0, 9)) == 0:
        del item[draw(st.sampled_from(sorted(item)))]
    return item


# Mostly well-formed requests, so most examples reach storage; some malformed ones.
requests = st.fixed_dictionaries({"source_system": st.just("fuzz"), "items": st.lists(items(), max_size=4)})
bodies = st.one_of(
    requests,
    requests,
    requests,
    st.fixed_dictionaries({"source_system": json_values, "items": st.lists(items(), max_size=2)}),
    json_values,
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_bulk_body_is_answered_and_stores_only_what_it_reports(client, theatre, german_watchkeeper, body):
    client.raise_request_exception = False
    client.force_login(german_watchkeeper)
    before = EventReport.objects.count()
    raw = json.dumps(body, allow_nan=True)  # NaN and Infinity go out as the literals some clients write
    response = client.post("/api/events/bulk", raw, content_type="application/json")
    stored = EventReport.objects.count() - before
    assert response.status_code < 500, response.content[:300]
    answer = response.json()
    if response.status_code >= 400:
        assert set(answer) == {"detail", "errors"}
        assert stored == 0
    else:
        assert stored == answer["created"]
        outcomes = [result["outcome"] for result in answer["results"]]
        assert len(outcomes) == len(body["items"])
        assert [result["index"] for result in answer["results"]] == list(range(len(outcomes)))
