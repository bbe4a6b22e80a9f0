"""A page kept private (a password or sign-in restriction in the CMS) is never listed, by title or summary."""

from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction

from peacekeeper.public.models import AboutPage, NewsPage
from peacekeeper.public.navigation import site_navigation


def _restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
    )


def _latest_english_news() -> NewsPage:
    news = NewsPage.objects.live().filter(locale__language_code="en")
    return news.order_by("-date", "-first_published_at").first()


def test_a_password_protected_news_item_is_not_listed_on_the_home_page_or_the_news_index(client, seeded):
    news = _latest_english_news()
    listed_before = [client.get(url).content.decode() for url in ("/en/", "/en/news/")]
    assert all(escape(news.title) in html for html in listed_before)

    _restrict(news)

    for url in ("/en/", "/en/news/"):
        html = client.get(url).content.decode()
        assert escape(news.title) not in html, url
        assert escape(news.summary) not in html, url


def test_a_password_protected_page_is_not_in_the_menu(seeded):
    request = RequestFactory().get("/en/")
    translation.activate("en")
    first = site_navigation(request, None)[0]
    page = Page.objects.filter(locale__language_code="en", title=first.label, show_in_menus=True).get()

    _restrict(page)

    assert first.label not in [link.label for link in site_navigation(request, None)]


def test_a_password_protected_about_page_is_not_listed_in_its_section(client, seeded):
    about = AboutPage.objects.get(locale__language_code="en", slug="about-us")
    child = about.get_children().live().first().specific
    child.show_in_menus = True
    child.save()
    assert escape(child.title) in client.get("/en/about-us/").content.decode()

    _restrict(child)

    assert escape(child.title) not in client.get("/en/about-us/").content.decode()
