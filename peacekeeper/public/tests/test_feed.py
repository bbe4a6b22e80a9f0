"""Each language's Atom feed: its own news and the safety notices in force, read with an XML parser."""

from datetime import timedelta

import defusedxml.ElementTree as ElementTree
import pytest
from django.utils import timezone

from peacekeeper.public.models import NewsIndexPage, NewsPage
from peacekeeper.public.tests.head_tags import links
from peacekeeper.release.models import PUBLIC, PublicNotice

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _feed(client, language: str):
    response = client.get(f"/{language}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def _entries(feed) -> list[dict[str, str]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "link": entry.find(f"{ATOM}link").get("href"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def _notice(*, exercise: bool, started_ago: timedelta, ends_in: timedelta | None, source_id: str) -> None:
    now = timezone.now()
    PublicNotice.objects.create(
        source_id=source_id,
        kind=PublicNotice.Kind.CLOSED,
        place="at Zvečan",
        roads=["M-2"],
        segments=["M-2 Pristina–Mitrovica"],
        started_at=now - started_ago,
        ends_at=None if ends_in is None else now + ends_in,
        exercise=exercise,
        marking=PUBLIC,
    )


@pytest.mark.parametrize(
    ("language", "tag", "title"),
    [
        ("en", "en", "EXERCISE: road closure drill at Zvečan"),
        ("sq", "sq", "STËRVITJE: ushtrim për mbylljen e rrugës në Zveçan"),
        ("sr", "sr-Latn", "VEŽBA: vežba zatvaranja puta u Zvečanu"),
        ("sr-cyrl", "sr-Cyrl", "ВЕЖБА: вежба затварања пута у Звечану"),
    ],
)
def test_each_language_has_its_own_news_in_its_feed(client, seeded, language, tag, title):
    feed = _feed(client, language)

    assert feed.get(XML_LANG) == tag
    entries = _entries(feed)
    assert title in [entry["title"] for entry in entries]
    assert all(entry["link"].startswith(f"http://testserver/{language}/news/") for entry in entries)
    assert all(entry["id"] and entry["updated"] and entry["summary"] for entry in entries)


def test_the_feed_gives_no_draft_and_no_other_language(client, seeded):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    draft = index.add_child(
        instance=NewsPage(title="Not yet", slug="not-yet", place="Pristina", body="<p>x</p>")
    )
    draft.save_revision()
    draft.unpublish()

    english = [entry["title"] for entry in _entries(_feed(client, "en"))]
    albanian = [entry["title"] for entry in _entries(_feed(client, "sq"))]

    assert "Not yet" not in english
    assert "EXERCISE: road closure drill at Zvečan" not in albanian


def test_a_news_item_whose_title_does_not_say_exercise_gets_it_in_the_feed(client, seeded):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    index.add_child(
        instance=NewsPage(
            title="Drill at Leposavić", slug="drill", place="Leposavić", exercise=True, body="<p>x</p>"
        )
    ).save_revision().publish()

    titles = [entry["title"] for entry in _entries(_feed(client, "en"))]

    assert "EXERCISE: Drill at Leposavić" in titles


def test_notices_in_force_are_in_every_languages_feed_titled_in_it(client, seeded):
    _notice(exercise=True, started_ago=timedelta(hours=1), ends_in=timedelta(hours=2), source_id="fom-1")
    _notice(exercise=False, started_ago=timedelta(hours=3), ends_in=None, source_id="fom-2")
    _notice(exercise=False, started_ago=timedelta(hours=5), ends_in=-timedelta(hours=1), source_id="fom-3")

    english = _entries(_feed(client, "en"))
    serbian = _entries(_feed(client, "sr"))

    notices = [entry for entry in english if "/notice/" in entry["id"]]
    assert [entry["title"] for entry in notices] == [
        "EXERCISE: Road closed at Zvečan",
        "Road closed at Zvečan",
    ]
    assert notices[0]["link"] == "http://testserver/en/safety-notices/"
    assert notices[0]["summary"] == "M-2 Pristina–Mitrovica"
    serbian_titles = [entry["title"] for entry in serbian if "/notice/" in entry["id"]]
    assert serbian_titles[0].startswith("VEŽBA: ")
    assert len(serbian_titles) == 2


def test_every_page_links_its_languages_feed(client, seeded):
    for path, feed in [
        ("/en/", "/en/feed/"),
        ("/sq/news/", "/sq/feed/"),
        ("/sr/search/?q=kfor", "/sr/feed/"),
    ]:
        html = client.get(path).content.decode()

        assert [(link["type"], link["href"]) for link in links(html, "alternate") if "type" in link] == [
            ("application/atom+xml", feed)
        ]
