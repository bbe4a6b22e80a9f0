"""The "Search our content" page, /<lang>/search/: results of the visitor's language, highlighted, filtered
and paged; its form on every page."""

from peacekeeper.public.search import MAX_QUERY_LENGTH, PER_PAGE
from peacekeeper.public.tests.search_pages import add_news


def main(html: bytes) -> str:
    return html.decode().split("<main", 1)[1]


def test_search_finds_a_shipped_page_in_the_visitors_language(client, seeded):
    response = client.get("/sq/search/", {"q": "Kumanovë"})

    assert response.status_code == 200
    html = main(response.content)
    assert '<a href="/sq/about-us/">Rreth nesh</a>' in html
    assert "/en/about-us/" not in html


def test_search_across_scripts_shows_the_serbian_item_with_its_word_marked(client, seeded):
    html = main(client.get("/sr/search/", {"q": "Звечан"}).content)

    assert "VEŽBA: vežba zatvaranja puta u <mark>Zvečanu</mark></a>" in html


def test_the_page_escapes_the_query_and_the_pages_text(client, seeded):
    add_news("Notes", "<p>&lt;img src=x onerror=alert(1)&gt; at Jarinje</p>")

    html = main(client.get("/en/search/", {"q": "<> Jarinje"}).content)

    assert "&lt;img src=x onerror=alert(1)&gt; at <mark>Jarinje</mark>" in html
    assert "“&lt;&gt; Jarinje”" in html
    assert "<img" not in html


def test_the_filters_keep_what_was_chosen_and_lang_all_finds_every_language(client, seeded):
    html = main(client.get("/en/search/", {"q": "Zvecan", "lang": "all", "type": "news"}).content)

    assert '<option value="news" selected>' in html
    assert '<option value="all" selected>' in html
    assert html.count('<li lang="') == 3  # the exercise item in English, Albanian and Serbian


def test_results_are_paged_with_links_keeping_the_query(client, seeded):
    for number in range(PER_PAGE + 1):
        add_news(f"Dragash item {number}", "<p>x</p>")

    first = main(client.get("/en/search/", {"q": "Dragash"}).content)
    second = main(client.get("/en/search/", {"q": "Dragash", "page": "2"}).content)

    assert first.count('<li lang="en">') == PER_PAGE
    assert '<a href="?q=Dragash&amp;page=2">Next</a>' in first
    assert second.count('<li lang="en">') == 1
    assert '<ol class="results" start="11">' in second


def test_a_search_finding_nothing_says_so(client, seeded):
    html = client.get("/sr/search/", {"q": "xylophone"}).content.decode()

    assert "Ništa nije pronađeno za “xylophone”." in html


def test_a_search_too_long_is_refused_saying_why(client, seeded):
    response = client.get("/en/search/", {"q": "a" * (MAX_QUERY_LENGTH + 1)})

    assert response.status_code == 400
    assert (
        f"write at most {MAX_QUERY_LENGTH} characters (this has {MAX_QUERY_LENGTH + 1})"
        in response.content.decode()
    )


def test_a_bad_date_is_refused_saying_which(client, seeded):
    response = client.get("/en/search/", {"q": "kfor", "from": "yesterday"})

    assert response.status_code == 400
    assert "The search could not be run: &#x27;yesterday&#x27; is not a date written YYYY-MM-DD." in (
        response.content.decode()
    )


def test_every_page_has_the_search_form(client, seeded):
    for path in ("/en/", "/sq/about-us/", "/sr/news/", "/en/search/"):
        html = client.get(path).content.decode()
        assert '<form class="search" role="search" action="' in html, path
        assert '<input id="site-search" type="search" name="q"' in html, path
