"""sitemap.xml lists every language's live pages with their translations; robots.txt names it."""

import defusedxml.ElementTree as ElementTree

from peacekeeper.public.models import AboutPage, NewsIndexPage, NewsPage

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _sitemap(client) -> dict[str, dict[str, str]]:
    """Each listed URL's alternates, by language."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in urlset.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_every_languages_live_pages_with_their_translations(client, seeded):
    listed = _sitemap(client)

    for language in ("en", "sq", "sr", "sr-cyrl"):
        assert f"http://testserver/{language}/" in listed
        assert f"http://testserver/{language}/news/exercise-road-closure-drill-zvecan/" in listed
    every_language = {
        "en": "http://testserver/en/about-us/",
        "sq": "http://testserver/sq/about-us/",
        "sr-Latn": "http://testserver/sr/about-us/",
        "sr-Cyrl": "http://testserver/sr-cyrl/about-us/",
    }
    assert listed["http://testserver/sq/about-us/"] == every_language
    assert listed["http://testserver/sr-cyrl/about-us/"] == every_language
    assert not any("/cms/" in url for url in listed)


def test_the_sitemap_leaves_out_drafts_and_unpublished_translations(client, seeded):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    draft = index.add_child(instance=NewsPage(title="Draft", slug="draft", place="Pristina", body="<p>x</p>"))
    draft.unpublish()
    AboutPage.objects.get(locale__language_code="sr", slug="about-us").unpublish()

    listed = _sitemap(client)

    assert "http://testserver/en/news/draft/" not in listed
    assert "http://testserver/sr/about-us/" not in listed
    assert "http://testserver/sr-cyrl/about-us/" not in listed
    assert listed["http://testserver/en/about-us/"].keys() == {"en", "sq"}


def test_robots_allows_the_site_keeps_crawlers_out_of_the_cms_and_names_the_sitemap(client, seeded):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /cms/",
        "Allow: /",
        "Sitemap: http://testserver/sitemap.xml",
    ]
