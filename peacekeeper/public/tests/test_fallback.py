"""A page whose translation is missing or not published is shown in English, saying so in the visitor's
language."""

from wagtail.models import Locale

from peacekeeper.public.models import AboutPage, NewsIndexPage, NewsPage

ALBANIAN_NOTICE = "Kjo faqe ende nuk është përkthyer në gjuhën tuaj; po shfaqet në anglisht."


def _albanian_about() -> AboutPage:
    return AboutPage.objects.get(locale__language_code="sq", slug="about-us")


def test_a_translated_page_has_no_notice(client, seeded):
    html = client.get("/sq/about-us/").content.decode()

    assert ALBANIAN_NOTICE not in html
    assert "Roli i NATO-s në Kosovë" in html


def test_an_unpublished_translation_falls_back_to_english_with_a_notice(client, seeded):
    _albanian_about().unpublish()

    response = client.get("/sq/about-us/")

    assert response.status_code == 200
    html = response.content.decode()
    assert ALBANIAN_NOTICE in html
    assert '<html lang="sq">' in html  # the interface is the visitor's
    assert '<div lang="en">' in html  # the content is said to be English
    assert "NATO&#x27;s role in Kosovo" in html or "NATO's role in Kosovo" in html
    assert "Kërkoni në përmbajtjen tonë" in html
    # No Albanian alternate is announced for it; the switcher still offers the language.
    assert 'hreflang="sq" href="http://testserver/sq/about-us/"' not in html
    assert '<a href="/sq/about-us/" hreflang="sq"' in html


def test_a_page_written_only_in_english_is_reached_under_every_language(client, seeded):
    english_news = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="en"))
    english_news.add_child(
        instance=NewsPage(title="Only in English", slug="only-english", place="Pristina", body="<p>Text.</p>")
    ).save_revision().publish()

    response = client.get("/sq/news/only-english/")

    assert response.status_code == 200
    html = response.content.decode()
    assert ALBANIAN_NOTICE in html
    assert "Only in English" in html
    assert '<a href="/sq/news/only-english/" hreflang="sq"' in html
    assert '<a href="/en/news/only-english/" hreflang="en"' in html


def test_a_page_in_no_language_is_not_found(client, seeded):
    response = client.get("/sq/no-such-page/")

    assert response.status_code == 404
    assert "Faqja nuk u gjet" in response.content.decode()
