"""Name folding, Serbian transliteration and municipality matching."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.theatre.names import MunicipalityMatcher, fold, latin_to_cyrillic, municipality_key

SERBIAN_LATIN = "abcčćddžđefghijklljmnnjoprsštuvzž"

MATCHER = MunicipalityMatcher(
    [
        (
            "XK-MUN-MITROVICA-SOUTH",
            ["Mitrovica (South)", "Mitrovicë (e Jugut)", "(Južna) Kosovska Mitrovica"],
        ),
        ("XK-MUN-NORTH-MITROVICA", ["North Mitrovica", "Mitrovicë e Veriut", "Severna (Kosovska) Mitrovica"]),
        ("XK-MUN-PODUJEVO", ["Podujevo", "Podujevë", "Podujevo"]),
        ("XK-MUN-HANI-I-ELEZIT", ["Hani i Elezit", "Hani i Elezit", "Đeneral Janković"]),
        ("XK-MUN-LEPOSAVIC", ["Leposavić", "Leposaviq", "Leposavić"]),
        ("XK-MUN-DRENAS", ["Drenas", "Drenas (Gllogoc)", "Glogovac"]),
    ]
)


def test_fold_ignores_accents_and_script() -> None:
    assert fold("Zveçan") == fold("Zvečan") == fold("Звечан") == "zvecan"


def test_fold_reads_albanian_and_cyrillic_mitrovica_alike() -> None:
    assert fold("Mitrovicë") == "mitrovice"
    assert fold("Митровица") == "mitrovica"


def test_fold_spells_dj_and_collapses_punctuation() -> None:
    assert fold("Đakovica") == fold("Ђаковица") == "djakovica"
    assert fold("  Jarinje (KFOR 'Gate 1') ") == "jarinje kfor gate 1"


def test_latin_to_cyrillic_uses_the_digraphs_and_keeps_case() -> None:
    assert latin_to_cyrillic("Zvečan") == "Звечан"
    assert latin_to_cyrillic("Ljubljana") == "Љубљана"
    assert latin_to_cyrillic("LJUBLJANA") == "ЉУБЉАНА"
    assert latin_to_cyrillic("Njegoš, Džakula") == "Његош, Џакула"
    assert latin_to_cyrillic("Đeneral Janković") == "Ђенерал Јанковић"


@given(st.text(alphabet=SERBIAN_LATIN + SERBIAN_LATIN.upper() + " -", max_size=30))
def test_transliterated_names_fold_to_the_same_text(text: str) -> None:
    assert fold(latin_to_cyrillic(text)) == fold(text)


@pytest.mark.parametrize("name", ["Municipality of Zveçan", "Opština Zvečan", "Komuna e Zveçan", "Звечан"])
def test_municipality_key_drops_the_word_municipality(name: str) -> None:
    assert municipality_key(name) == "zvecan"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Municipality of Mitrovica", "XK-MUN-MITROVICA-SOUTH"),
        ("Mitrovicë e Jugut", "XK-MUN-MITROVICA-SOUTH"),
        ("Municipality of North Mitrovica", "XK-MUN-NORTH-MITROVICA"),
        ("Mitrovica e Veriut", "XK-MUN-NORTH-MITROVICA"),
        ("Северна Косовска Митровица", "XK-MUN-NORTH-MITROVICA"),
    ],
)
def test_matcher_tells_the_two_mitrovicas_apart(name: str, code: str) -> None:
    assert MATCHER.match(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Municipality of Podujeva", "XK-MUN-PODUJEVO"),
        ("Municipality of Han i Elezit", "XK-MUN-HANI-I-ELEZIT"),
        ("Municipality of Leposaviq", "XK-MUN-LEPOSAVIC"),
        ("Gllogoc", "XK-MUN-DRENAS"),
        ("Ђенерал Јанковић", "XK-MUN-HANI-I-ELEZIT"),
    ],
)
def test_matcher_accepts_other_spellings_and_languages(name: str, code: str) -> None:
    assert MATCHER.match(name) == code


def test_matcher_matches_nothing_for_an_unknown_name() -> None:
    assert MATCHER.match("Municipality of Atlantis") is None
    assert MATCHER.match_any(["Atlantis", "Podujevë"]) == {"XK-MUN-PODUJEVO"}


def test_matcher_refuses_a_name_shared_by_two_municipalities() -> None:
    matcher = MunicipalityMatcher([("A", ["Novo Selo"]), ("B", ["Novo Selo"])])
    assert matcher.match("Novo Selo") is None
