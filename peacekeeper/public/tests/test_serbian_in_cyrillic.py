"""Serbian in both scripts: the Serbian pages, written in Latin, are served in Cyrillic under /sr-cyrl/."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import defusedxml.ElementTree as ElementTree
import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from peacekeeper.public.models import NewsIndexPage, NewsPage
from peacekeeper.release.models import PUBLIC, PublicNotice

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LATIN = re.compile(r"[A-Za-zČĆŽŠĐčćžšđ]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# What stays Latin on a Cyrillic page (cyrillic.py): URLs, e-mail addresses, a foreign word with a letter
# Serbian lacks (EULEX), the product's name.
KEPT_LATIN = re.compile(r"^(https?://\S+|\S+@\S+\.\S+|\S*[qwxyQWXY]\S*|Peacekeeper)$")
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _Reading(HTMLParser):
    """The words a reader of a page's Serbian reads (text and read attributes), and the page's links."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.links: list[dict[str, str]] = []
        self.html_lang = ""
        self._open: list[tuple[str, bool]] = []

    def _serbian(self) -> bool:
        return self._open[-1][1] if self._open else True

    def handle_starttag(self, tag, attrs):
        named = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = named.get("lang", "")
        if tag == "a":
            self.links.append(named)
        serbian = self._serbian()
        if "lang" in named:
            serbian = named["lang"].lower() in ("sr", "sr-cyrl")
        if named.get("translate") == "no" or tag in ("script", "style", "textarea"):
            serbian = False
        if serbian:
            for name in READ_ATTRIBUTES:
                self.words.extend(named.get(name, "").split())
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._open.append((tag, serbian))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if self._serbian():
            self.words.extend(data.split())


def _read(html: str) -> _Reading:
    reading = _Reading()
    reading.feed(html)
    return reading


def _latin_words(reading: _Reading) -> list[str]:
    words = [word.strip(".,;:()[]“”\"'…·—") for word in reading.words]
    return [word for word in words if LATIN.search(word) and not KEPT_LATIN.match(word)]


def _serbian_paths() -> list[str]:
    serbian = Locale.objects.get(language_code="sr")
    return sorted(page.url for page in Page.objects.live().public().filter(locale=serbian, depth__gte=2))


def test_every_shipped_serbian_page_is_served_in_cyrillic(client, seeded):
    paths = _serbian_paths()
    assert len(paths) >= 8  # home, about, contributing nations, news, items, media, notices

    for path in paths:
        assert path.startswith("/sr/")
        response = client.get(path.replace("/sr/", "/sr-cyrl/", 1))
        assert response.status_code == 200, path
        reading = _read(response.content.decode())
        assert reading.html_lang == "sr-Cyrl", path
        assert _latin_words(reading) == [], path
        assert sum(bool(CYRILLIC.search(word)) for word in reading.words) > 30, path


def test_the_same_page_in_latin_says_so_and_stays_latin(client, seeded):
    html = client.get("/sr/about-us/contributing-nations/").content.decode()

    assert '<html lang="sr-Latn">' in html
    assert "<h1>Zemlje koje doprinose</h1>" in html
    assert not CYRILLIC.search(html.split("<main", 1)[1])


def test_the_contributing_nations_page_reads_in_cyrillic(client, seeded):
    html = client.get("/sr-cyrl/about-us/contributing-nations/").content.decode()

    assert "<h1>Земље које доприносе</h1>" in html
    assert "<title>Земље које доприносе · КФОР — Мисија НАТО-а на Косову</title>" in html
    assert '<meta property="og:title" content="Земље које доприносе">' in html


def test_links_inside_a_cyrillic_page_stay_under_sr_cyrl(client, seeded):
    for path in _serbian_paths():
        cyrillic_path = path.replace("/sr/", "/sr-cyrl/", 1)
        html = client.get(cyrillic_path).content.decode()
        reading = _read(html)
        inside = [
            link["href"]
            for link in reading.links
            if link["href"].startswith("/") and link.get("hreflang", "sr-Cyrl") == "sr-Cyrl"
        ]
        assert inside, path
        assert all(href.startswith("/sr-cyrl/") for href in inside), (path, inside)
        assert 'action="/sr-cyrl/search/"' in html
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert 'href="/sr-cyrl/feed/"' in html
        assert f'<link rel="canonical" href="http://testserver{cyrillic_path}">' in html


@pytest.mark.parametrize("path", ["/sr/about-us/", "/sr-cyrl/about-us/"])
def test_the_switcher_and_hreflang_offer_both_scripts(client, seeded, path):
    html = client.get(path).content.decode()

    assert '<a href="/sr/about-us/" hreflang="sr-Latn" lang="sr-Latn"' in html
    assert ">Srpski</a>" in html
    assert '<a href="/sr-cyrl/about-us/" hreflang="sr-Cyrl" lang="sr-Cyrl"' in html
    assert ">Српски</a>" in html
    assert '<link rel="alternate" hreflang="sr-Latn" href="http://testserver/sr/about-us/">' in html
    assert '<link rel="alternate" hreflang="sr-Cyrl" href="http://testserver/sr-cyrl/about-us/">' in html


def test_a_serbian_cyrillic_browser_is_led_to_the_cyrillic_site(client, seeded):
    response = client.get("/", headers={"accept-language": "sr-Cyrl-RS, sr;q=0.8"})

    assert response.status_code == 302
    assert response["Location"] == "/sr-cyrl/"


def test_a_page_without_a_serbian_translation_says_so_in_cyrillic(client, seeded):
    english_news = NewsIndexPage.objects.get(locale__language_code="en")
    english_news.add_child(
        instance=NewsPage(title="Only in English", slug="only-english", place="Pristina", body="<p>Text.</p>")
    ).save_revision().publish()

    html = client.get("/sr-cyrl/news/only-english/").content.decode()

    assert "Ова страница још није преведена на ваш језик; приказује се на енглеском." in html
    assert '<div lang="en">' in html
    assert "<h1>Only in English</h1>" in html  # the English content is left as it is
    assert '<a href="/sr-cyrl/news/only-english/" hreflang="sr-Cyrl"' in html
    assert client.get("/sr-cyrl/no-such-page/").status_code == 404


def test_the_cyrillic_page_is_cached_and_validated_apart_from_the_latin_one(client, seeded):
    latin = client.get("/sr/news/")
    cyrillic = client.get("/sr-cyrl/news/")
    again = client.get("/sr-cyrl/news/")

    assert "<h1>Vesti</h1>" in latin.content.decode()
    assert "<h1>Вести</h1>" in cyrillic.content.decode()
    assert again.content == cyrillic.content
    assert cyrillic["ETag"] != latin["ETag"]
    assert int(cyrillic["Content-Length"]) == len(cyrillic.content)
    assert client.get("/sr-cyrl/news/", headers={"if-none-match": cyrillic["ETag"]}).status_code == 304


def test_the_cyrillic_feed_gives_the_serbian_news_and_the_notices_in_cyrillic(client, seeded):
    PublicNotice.objects.create(
        source_id="fom-1",
        kind=PublicNotice.Kind.CLOSED,
        place="at Zvečan",
        segments=["M-2 Priština–Mitrovica"],
        started_at=timezone.now() - timedelta(hours=1),
        exercise=True,
        marking=PUBLIC,
    )

    response = client.get("/sr-cyrl/feed/")

    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert feed.get(XML_LANG) == "sr-Cyrl"
    assert feed.findtext(f"{ATOM}title") == "КФОР — Мисија НАТО-а на Косову"
    entries = {
        entry.findtext(f"{ATOM}title"): (
            entry.find(f"{ATOM}link").get("href"),
            entry.findtext(f"{ATOM}summary"),
        )
        for entry in feed.findall(f"{ATOM}entry")
    }
    drill = entries["ВЕЖБА: вежба затварања пута у Звечану"]
    assert drill[0] == "http://testserver/sr-cyrl/news/exercise-road-closure-drill-zvecan/"
    assert not LATIN.search(drill[1])
    # The bundle's place line is English, and left so; the rest is the feed's.
    assert entries["ВЕЖБА: Пут затворен at Zvečan"] == (
        "http://testserver/sr-cyrl/safety-notices/",
        "М-2 Приштина–Митровица",
    )
