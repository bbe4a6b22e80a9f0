import re

import pytest


@pytest.mark.parametrize(
    ("language", "tag"), [("en", "en"), ("sq", "sq"), ("sr", "sr-Latn"), ("sr-cyrl", "sr-Cyrl")]
)
def test_each_language_has_its_home_page_with_links_to_the_others(client, seeded, language, tag):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{tag}">' in html
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="http://testserver(/[^"]*)"', html)
    )
    assert alternates == {"en": "/en/", "sq": "/sq/", "sr-Latn": "/sr/", "sr-Cyrl": "/sr-cyrl/"}


def test_the_shipped_pages_are_written_in_each_language(client, seeded):
    english = client.get("/en/about-us/").content.decode()
    albanian = client.get("/sq/about-us/").content.decode()
    serbian = client.get("/sr/about-us/").content.decode()

    assert "The Military-Technical Agreement" in english
    assert "Marrëveshja Ushtarako-Teknike" in albanian
    assert "Vojno-tehnički sporazum" in serbian
    # The facts cite their sources, in every language.
    for html in (english, albanian, serbian):
        assert "https://www.nato.int/cps/en/natohq/topics_48818.htm" in html


def test_the_interface_is_in_the_visitors_language(client, seeded):
    assert "Kërkoni në përmbajtjen tonë" in client.get("/sq/").content.decode()
    assert "Pretražite naš sadržaj" in client.get("/sr/").content.decode()
    assert "Search our content" in client.get("/en/").content.decode()


def test_the_root_leads_to_a_language(client, seeded):
    response = client.get("/", headers={"accept-language": "sq"})

    assert response.status_code == 302
    assert response["Location"] == "/sq/"
