""" "Search our content" in Serbian Cyrillic: /sr-cyrl/search/ and the API's lang=sr-cyrl find the Serbian
pages, whatever the script of the query, and show them in Cyrillic under /sr-cyrl/."""

import re

import pytest

API = "/api/public/search"
LATIN = re.compile(r"[A-Za-zČĆŽŠĐčćžšđ]")


def _results(html: str) -> str:
    return html.split('<ol class="results"', 1)[1].split("</ol>", 1)[0]


@pytest.mark.parametrize("query", ["Звечан", "Zvečan", "Zvecan"])
def test_the_cyrillic_search_page_finds_the_serbian_items_in_any_script(client, seeded, query):
    response = client.get("/sr-cyrl/search/", {"q": query})

    assert response.status_code == 200
    results = _results(response.content.decode())
    found = re.findall(r'<li lang="sr-Cyrl"><a href="([^"]+)">(.*?)</a>', results)
    drill = "ВЕЖБА: вежба затварања пута у <mark>Звечану</mark>"
    assert ("/sr-cyrl/news/exercise-road-closure-drill-zvecan/", drill) in found
    assert all(url.startswith("/sr-cyrl/") for url, _title in found)
    snippets = re.findall(r"<p>(.*?)</p>", results, flags=re.S)
    assert snippets
    assert any("<mark>Звечан</mark>" in snippet or "<mark>Звечану</mark>" in snippet for snippet in snippets)
    assert not any(LATIN.search(re.sub(r"</?mark>|Peacekeeper", "", snippet)) for snippet in snippets)


def test_the_search_page_names_each_language_in_itself(client, seeded):
    html = client.get("/sr-cyrl/search/", {"q": "Zvecan"}).content.decode()

    assert '<option value="sr" lang="sr-Latn">Srpski</option>' in html
    assert '<option value="sr-cyrl" lang="sr-Cyrl" selected>Српски</option>' in html
    assert '<option value="sq" lang="sq">Shqip</option>' in html


def test_the_api_answers_in_cyrillic_for_sr_cyrl_and_in_latin_for_sr(client, seeded):
    cyrillic = client.get(API, {"q": "Звечан", "lang": "sr-cyrl"}).json()
    latin = client.get(API, {"q": "Звечан", "lang": "sr"}).json()

    assert cyrillic["total"] == latin["total"] >= 2
    assert [hit["url"] for hit in cyrillic["results"]] == [
        hit["url"].replace("/sr/", "/sr-cyrl/", 1) for hit in latin["results"]
    ]
    assert {hit["lang"] for hit in cyrillic["results"]} == {"sr-cyrl"}
    assert {hit["lang"] for hit in latin["results"]} == {"sr"}
    titles = {hit["title"] for hit in cyrillic["results"]}
    assert "ВЕЖБА: вежба затварања пута у Звечану" in titles
    assert "VEŽBA: vežba zatvaranja puta u Zvečanu" in {hit["title"] for hit in latin["results"]}
    assert any("<mark>Звечан" in hit["snippet"] for hit in cyrillic["results"])
    for hit in cyrillic["results"]:
        assert not LATIN.search(hit["title"])
        assert not LATIN.search(re.sub(r"</?mark>|Peacekeeper", "", hit["snippet"]))


def test_the_api_takes_a_cyrillic_visitors_language_by_default(client, seeded):
    answer = client.get(API, {"q": "Zvecan"}, headers={"accept-language": "sr-Cyrl"}).json()

    assert answer["total"] >= 1
    assert all(hit["url"].startswith("/sr-cyrl/") for hit in answer["results"])


def test_a_cyrillic_and_a_latin_query_find_the_same_items_in_the_same_order(client, seeded):
    def urls(query: str) -> list[str]:
        results = _results(client.get("/sr-cyrl/search/", {"q": query}).content.decode())
        return re.findall(r'<li lang="sr-Cyrl"><a href="([^"]+)">', results)

    assert urls("Звечан") == urls("Zvečan") == urls("Zvecan")
    assert len(urls("Zvecan")) >= 2
