"""The door's own rules: which text, integers and moments no database is given, and how they are named."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.test import RequestFactory

from peacekeeper.core.bounds import (
    DB_INT_MAX,
    DB_INT_MIN,
    EARLIEST_QUERY_MOMENT,
    LATEST_QUERY_MOMENT,
    int_problem,
    query_day_problem,
    query_moment_problem,
    record_moment_problem,
)
from peacekeeper.core.parser import CheckedParser, UnstorableValue, first_unstorable
from peacekeeper.core.text import text_problem


@pytest.mark.parametrize("text", ["", "Zvečan, main road", "Звечан", "emoji 🚧", "tab\tand\nnewline"])
def test_ordinary_text_passes(text):
    assert text_problem(text) is None


def test_a_nul_character_is_named():
    assert "NUL character" in text_problem("before\x00after")


@pytest.mark.parametrize("surrogate", ["\ud800", "high \udbff", "a\udc00b"])
def test_a_lone_surrogate_is_named(surrogate):
    assert "lone surrogate" in text_problem(surrogate)


def test_integers_are_bounded_to_what_both_databases_hold():
    assert int_problem(DB_INT_MAX) is None
    assert int_problem(DB_INT_MIN) is None
    assert "outside" in int_problem(DB_INT_MAX + 1)
    assert "outside" in int_problem(DB_INT_MIN - 1)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),  # converting it to UTC overflows
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14))),
        datetime(1899, 12, 31, 23, 59, tzinfo=UTC),
        datetime(1, 1, 1),  # naive: compared as UTC
    ],
)
def test_a_query_moment_far_from_any_record_is_refused_without_overflowing(moment):
    assert "outside the range accepted" in query_moment_problem(moment)


def test_a_query_moment_in_range_passes_whatever_its_zone():
    assert query_moment_problem(EARLIEST_QUERY_MOMENT) is None
    assert query_moment_problem(LATEST_QUERY_MOMENT) is None
    assert query_moment_problem(datetime(2026, 11, 29, 14, 30, tzinfo=timezone(timedelta(hours=-12)))) is None
    an_hour_before_the_earliest = EARLIEST_QUERY_MOMENT.replace(tzinfo=timezone(timedelta(hours=1)))
    assert query_moment_problem(an_hour_before_the_earliest) is not None


def test_query_days_are_bounded_alike():
    assert query_day_problem(date(2026, 11, 29)) is None
    assert query_day_problem(date(9999, 12, 31)) is not None
    assert query_day_problem(date(1, 1, 1)) is not None


def test_a_record_moment_must_be_writable_as_a_dtg():
    assert record_moment_problem(datetime(2000, 1, 1, tzinfo=UTC)) is None
    assert record_moment_problem(datetime(1999, 12, 31, 23, 59, tzinfo=UTC)) is not None
    assert record_moment_problem(datetime(2100, 1, 1, tzinfo=UTC)) is not None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [{"narrative": "ok"}, {"narrative": "bad\x00"}]}, "items.1.narrative"),
        ({"items": [{"narrative": "\ud800"}]}, "items.0.narrative"),
        ({"items": [{"source_timestamp": 2**63}]}, "items.0.source_timestamp"),
        ({"ids": [1, 2, -(2**63) - 1]}, "ids.2"),
        ({"lat": float("inf")}, "lat"),
        ({"a": {"b\x00": 1}}, "a"),
        ("\ud800", "(body)"),
    ],
)
def test_the_first_unstorable_value_is_named_by_its_path(body, field):
    problem = first_unstorable(body)
    assert isinstance(problem, UnstorableValue)
    assert problem.field == field


def test_a_body_that_can_be_stored_passes_untouched():
    body = {"items": [{"narrative": "Barricade", "severity": 3, "lat": 42.9, "ok": True, "none": None}]}
    assert first_unstorable(body) is None


def _json_request(raw: bytes):
    return RequestFactory().post("/api/x", raw, content_type="application/json")


def test_the_parser_refuses_nan_and_infinity_literals():
    with pytest.raises(UnstorableValue):
        CheckedParser().parse_body(_json_request(b'{"lat": NaN}'))
    with pytest.raises(UnstorableValue):
        CheckedParser().parse_body(_json_request(b'{"lat": -Infinity}'))


def test_the_parser_reads_an_escaped_surrogate_and_refuses_it():
    raw = json.dumps({"narrative": "\ud800"}).encode()  # the escape "\ud800", as a client sends it
    with pytest.raises(UnstorableValue) as refused:
        CheckedParser().parse_body(_json_request(raw))
    assert refused.value.field == "narrative"


def test_the_parser_refuses_a_nul_in_a_query_parameter_by_name():
    request = RequestFactory().get("/api/x", {"q": "a\x00b"})
    with pytest.raises(UnstorableValue) as refused:
        CheckedParser().parse_querydict(request.GET, [], request)
    assert refused.value.field == "q"
