"""GET /api/public/search: across scripts and accents, ranked, filtered, paged; bad parameters refused."""

from datetime import UTC, date, datetime, timedelta

import pytest

from peacekeeper.public.search import PER_PAGE
from peacekeeper.public.tests.search_pages import add_about, add_news
from peacekeeper.release.models import BundleImport, PublicNotice

API = "/api/public/search"


def found(client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, **params) -> list[str]:
    return [result["title"] for result in found(client, **params)["results"]]


def test_zvecan_is_found_alike_in_every_script_and_with_or_without_accents(client, seeded):
    answers = [found(client, q=query, lang="all") for query in ("Zvecan", "Zvečan", "Звечан", "ZVEÇAN")]

    assert answers[0]["total"] >= 3
    assert all(answer == answers[0] for answer in answers)
    assert {"EXERCISE: road closure drill at Zvečan", "VEŽBA: vežba zatvaranja puta u Zvečanu"} <= {
        result["title"] for result in answers[0]["results"]
    }


def test_mitrovice_finds_mitrovice_and_mitrovica(client, seeded):
    add_news("Market day", "<p>Traders met in Mitrovicë on Saturday.</p>")
    add_news("Bridge talks", "<p>Talks on the bridge in Mitrovica went on.</p>")

    assert {"Market day", "Bridge talks"} <= set(titles(client, q="Mitrovice"))


def test_a_title_match_ranks_above_a_body_match(client, seeded):
    add_news("Weekly round-up", "<p>Patrols, talks and a visit to Dragash by the commander.</p>")
    add_news("Visit to Dragash", "<p>Patrols, talks and a visit by the commander to the town.</p>")

    assert titles(client, q="Dragash") == ["Visit to Dragash", "Weekly round-up"]


def test_the_snippet_marks_the_match_and_escapes_the_pages_text(client, seeded):
    add_news("Talks", "<p>Notes &lt;script&gt;alert(1)&lt;/script&gt; from Jarinje.</p>")

    [result] = found(client, q="jarinje")["results"]

    assert result["snippet"] == "Notes &lt;script&gt;alert(1)&lt;/script&gt; from <mark>Jarinje</mark>."


def test_the_result_says_title_url_language_snippet_and_date(client, seeded):
    page = add_news("Exercise at Kačanik", "<p>Units trained near Kačanik.</p>", day=date(2026, 10, 3))

    answer = found(client, q="Kacanik")

    assert answer == {
        "results": [
            {
                "title": "Exercise at Kačanik",
                "url": f"/en/news/{page.slug}/",
                "lang": "en",
                "snippet": "Units trained near <mark>Kačanik</mark>.",
                "published": "2026-10-03",
            }
        ],
        "total": 1,
        "page": 1,
        "pages": 1,
    }


def test_a_page_of_another_language_is_found_only_with_lang_all(client, seeded):
    add_news("Patrullë në Dragash", "<p>Njësitë patrulluan në Dragash.</p>", language="sq")

    assert titles(client, q="Dragash") == []
    assert titles(client, q="Dragash", lang="sq") == ["Patrullë në Dragash"]
    assert titles(client, q="Dragash", lang="all") == ["Patrullë në Dragash"]
    assert client.get(API, {"q": "Dragash"}, HTTP_ACCEPT_LANGUAGE="sq").json()["total"] == 1


def test_a_draft_or_unpublished_page_is_never_found(client, seeded):
    add_news("Draft about Hani i Elezit", "<p>Not yet.</p>", publish=False)
    withdrawn = add_news("Old item about Hani i Elezit", "<p>Withdrawn.</p>")
    withdrawn.unpublish()

    assert found(client, q="Elezit", lang="all")["total"] == 0


def test_type_filters_news_notices_and_other_pages(client, seeded):
    add_news("Dragash news", "<p>News.</p>")
    add_about("Dragash region", "A page about the region.")

    assert titles(client, q="Dragash", type="news") == ["Dragash news"]
    assert titles(client, q="Dragash", type="page") == ["Dragash region"]
    assert titles(client, q="Dragash", type="notice") == []


def test_released_notices_are_found_through_the_safety_notices_page(client, seeded):
    now = datetime.now(UTC)
    PublicNotice.objects.create(
        source_id="r1", kind="closed", place="at Jarinje", segments=["M-2 Leposavić–Jarinje"],
        started_at=now - timedelta(hours=1), marking="PUBLIC",
    )  # fmt: skip
    assert titles(client, q="Jarinje", type="notice") == []  # not indexed before its bundle is imported

    BundleImport.objects.create(
        version=1, source_mission="KFOR", created_at=now, manifest={}, sha256="0" * 64
    )

    [result] = found(client, q="Jarinje", type="notice")["results"]
    assert result["url"] == "/en/safety-notices/"
    assert "<mark>Jarinje</mark>" in result["snippet"]


def test_dates_filter_news_by_their_date(client, seeded):
    add_news("Dragash in September", "<p>x</p>", day=date(2026, 9, 10))
    add_news("Dragash in October", "<p>x</p>", day=date(2026, 10, 10))

    assert titles(client, q="Dragash", **{"from": "2026-10-01"}) == ["Dragash in October"]
    assert titles(client, q="Dragash", to="2026-09-30") == ["Dragash in September"]
    assert titles(client, q="Dragash", **{"from": "2026-09-10", "to": "2026-09-10"}) == [
        "Dragash in September"
    ]


def test_results_come_a_page_at_a_time(client, seeded):
    for number in range(PER_PAGE + 2):
        add_news(f"Dragash item {number}", "<p>x</p>")

    first, second = found(client, q="Dragash"), found(client, q="Dragash", page=2)

    assert first["total"] == second["total"] == PER_PAGE + 2
    assert (len(first["results"]), len(second["results"]), second["pages"]) == (PER_PAGE, 2, 2)
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
    assert found(client, q="Dragash", page=3)["results"] == []


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({}, "q", "write a word or two to search for"),
        ({"q": "a" * 201}, "q", "write at most 200 characters (this has 201)"),
        ({"q": "?!"}, "q", "write at least one letter or digit"),
        ({"q": "x", "lang": "de"}, "lang", "'de' is not one of en, sq, sr, sr-cyrl, all"),
        ({"q": "x", "type": "video"}, "type", "'video' is not one of news, notice, page"),
        ({"q": "x", "from": "1.10.2026"}, "from", "'1.10.2026' is not a date written YYYY-MM-DD"),
        ({"q": "x", "from": "2026-10-02", "to": "2026-10-01"}, "from", "2026-10-02 is after to=2026-10-01"),
        ({"q": "x", "page": "0"}, "page", "'0' is not a page number from 1 to 1000"),
        ({"q": "x", "page": "two"}, "page", "'two' is not a page number from 1 to 1000"),
    ],
)
def test_a_bad_parameter_is_refused_saying_which_and_why(client, public_mode, db, params, parameter, message):
    response = client.get(API, params)

    assert response.status_code == 400
    assert response.json() == {"error": message, "parameter": parameter}
