"""The Atom feed of each language (`/<lang>/feed/`): its live news and the safety notices in force.

News comes from the language's own tree only (a feed reader asked for Albanian gets Albanian entries); the
notices are the release bundle's, which carry no language of their own, titled in the feed's. An exercise
says so in its title, as the pages do. `/sr-cyrl/feed/` is the Serbian feed in Cyrillic, linking the
`/sr-cyrl/` pages.
"""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Locale, Site

from peacekeeper.public.cyrillic import to_cyrillic
from peacekeeper.public.languages import content_language, in_cyrillic, language_tag
from peacekeeper.public.models import NewsPage, SafetyNoticesPage
from peacekeeper.release.models import PublicNotice

MAX_NEWS = 30
SUMMARY_WORDS = 60


def exercise_title(title: str, exercise: bool) -> str:
    """The title, saying EXERCISE first when the item is one and its title does not say so already."""
    marker = gettext("EXERCISE")
    if exercise and not title.upper().startswith(marker.upper()):
        return f"{marker}: {title}"
    return title


def _in_script(text: str) -> str:
    """Text as the feed's language writes it: Serbian Latin in Cyrillic in the sr-cyrl feed."""
    return to_cyrillic(text) if in_cyrillic() else text


class NewsAndNoticesFeed(Feed):
    feed_type = Atom1Feed

    @property
    def language(self) -> str:
        # The feed's xml:lang, as the pages' `lang` says it (sr-Latn, sr-Cyrl).
        return language_tag(translation.get_language())

    def get_object(self, request: HttpRequest, *args, **kwargs) -> HttpRequest:
        # The feed's "object" is the request: links are built for the host and language it asked for.
        return request

    def title(self, request: HttpRequest) -> str:
        return _in_script(gettext("KFOR — NATO Mission in Kosovo"))

    def link(self, request: HttpRequest) -> str:
        site = Site.find_for_request(request)
        home = site.root_page.get_translation_or_none(Locale.get_active()) if site else None
        return home.get_url(request) if home else "/"

    def feed_url(self, request: HttpRequest) -> str:
        return reverse("public_feed")

    def feed_guid(self, request: HttpRequest) -> str:
        return request.build_absolute_uri(reverse("public_feed"))

    def items(self, request: HttpRequest) -> list:
        language = content_language(translation.get_language())
        news = list(
            NewsPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("-date", "-first_published_at")[:MAX_NEWS]
        )
        notices = list(PublicNotice.objects.in_force(timezone.now()))
        notices_page = (
            SafetyNoticesPage.objects.live().filter(locale__language_code=language).first()
            or SafetyNoticesPage.objects.live().filter(locale=Locale.get_default()).first()
        )
        notices_link = notices_page.get_url(request) if notices_page else reverse("public_feed")
        entries = [_NewsEntry(page, request) for page in news] + [
            _NoticeEntry(notice, request, link=notices_link) for notice in notices
        ]
        return sorted(entries, key=lambda entry: entry.updated, reverse=True)

    def item_title(self, entry) -> str:
        return entry.title

    def item_link(self, entry) -> str:
        return entry.link

    def item_guid(self, entry) -> str:
        return entry.guid

    item_guid_is_permalink = False

    def item_description(self, entry) -> str:
        return entry.summary

    def item_pubdate(self, entry) -> datetime:
        return entry.published

    def item_updateddate(self, entry) -> datetime:
        return entry.updated


class _NewsEntry:
    def __init__(self, page: NewsPage, request: HttpRequest) -> None:
        self.title = _in_script(exercise_title(page.title, page.exercise))
        self.link = page.get_url(request)
        # The page's id, not its URL: the entry stays the same entry when an editor changes its slug.
        self.guid = f"tag:{request.get_host()},2026:public/page/{page.pk}"
        text = page.summary or page.search_description or strip_tags(page.body)
        self.summary = _in_script(" ".join(text.split()[:SUMMARY_WORDS]))
        self.published = page.first_published_at
        self.updated = page.last_published_at or page.first_published_at


class _NoticeEntry:
    def __init__(self, notice: PublicNotice, request: HttpRequest, *, link: str) -> None:
        what = (
            gettext("Road closed") if notice.kind == PublicNotice.Kind.CLOSED else gettext("Road restricted")
        )
        # The bundle's place is written in English ("at Zvečan"): not transliterated.
        self.title = f"{_in_script(exercise_title(what, notice.exercise))} {notice.place}".strip()
        self.link = link
        language = translation.get_language()
        self.guid = f"tag:{request.get_host()},2026:public/notice/{notice.source_id}/{language}"
        self.summary = _in_script(", ".join(notice.segments or notice.roads) or what)
        self.published = notice.started_at
        self.updated = notice.started_at
