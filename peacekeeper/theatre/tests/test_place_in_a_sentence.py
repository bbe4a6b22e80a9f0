"""A place name after what happened there: "at" before a bare name, none before one that says where."""

import pytest

from peacekeeper.theatre.names import at_place


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("Pristina", "at Pristina"),
        ("North Mitrovica", "at North Mitrovica"),
        ("Municipality of Han i Elezit", "at Municipality of Han i Elezit"),
        ("Nedakovc", "at Nedakovc"),
        ("Bystrica", "at Bystrica"),
        ("Onion field", "at Onion field"),
    ],
)
def test_a_bare_place_name_takes_at(name, phrase):
    assert at_place(name) == phrase


@pytest.mark.parametrize(
    "name",
    [
        "near Pristina",
        "Near Peja",
        "north of the Ibar",
        "South of Zvečan",
        "north-east of Gračanica",
        "outside Gračanica",
        "at the bridge",
        "on the M2",
        "between Jarinje and Leposavić",
        "2.1 km NE of Vushtrri",
        "500 m S of Jarinje",
    ],
)
def test_a_name_that_says_where_is_kept_as_it_is(name):
    assert at_place(name) == name


def test_no_name_gives_no_phrase():
    assert at_place("") == ""
    assert at_place("   ") == ""
