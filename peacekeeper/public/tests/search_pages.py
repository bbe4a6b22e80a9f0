"""Pages the search tests add beside the shipped ones."""

from datetime import date

from wagtail.models import Page

from peacekeeper.public.models import AboutPage, HomePage, NewsIndexPage, NewsPage


def add_news(
    title: str, body: str, *, language: str = "en", day: date = date(2026, 11, 1), publish=True
) -> Page:
    index = NewsIndexPage.objects.get(locale__language_code=language)
    page = NewsPage(title=title, slug=f"n{Page.objects.count()}", date=day, place="Pristina", body=body)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


def add_about(title: str, intro: str) -> Page:
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=AboutPage(title=title, slug=f"a{Page.objects.count()}", intro=intro))
    page.save_revision().publish()
    return page
