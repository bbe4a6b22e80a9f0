""" "Search our content": what a search asks (`parse`, from a request's parameters, refusing bad ones with
what and why) and what it finds (`search`): live public pages found by Wagtail's search backend over their
folded text (folding.py), ranked by it, filtered by language, type and date, one page of results at a time
with a highlighted snippet each.

The backend is whatever WAGTAILSEARCH_BACKENDS names (settings.py): Wagtail's database backend (SQLite FTS5,
PostgreSQL full text) by default, OpenSearch by configuration. Only the folded field and the title are
indexed, and the query is folded the same way, so every backend finds the same pages.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page, get_page_models
from wagtail.search import index

from peacekeeper.public.cyrillic import html_to_cyrillic, to_cyrillic
from peacekeeper.public.folding import query_terms, snippet
from peacekeeper.public.languages import content_language, in_cyrillic
from peacekeeper.public.models import NewsPage, PublicPage, SafetyNoticesPage

PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
ALL_LANGUAGES = "all"
DATABASE_BACKEND = "wagtail.search.backends.database"
# type=news: news items; notice: the safety notices page (it lists the released notices in force);
# page: every other page.
TYPES = ("news", "notice", "page")


class SearchError(ValueError):
    """A parameter that cannot be searched by: which one, and why (shown to the visitor, sent as JSON)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[str, ...]
    language: str | None  # a URL language (sr-cyrl: the Serbian pages in Cyrillic); None: every language
    kind: str | None
    since: date | None
    until: date | None
    page: int


@dataclass(frozen=True, slots=True)
class Hit:
    title: str
    url: str
    language: str
    snippet: SafeString
    published: date | None


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[Hit]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def parse(params: QueryDict, *, language: str) -> Query:
    """The search params ask for; `language` is the visitor's, searched unless `lang` says otherwise."""
    text = params.get("q", "").strip()
    if not text:
        raise SearchError("q", "write a word or two to search for")
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError("q", f"write at most {MAX_QUERY_LENGTH} characters (this has {len(text)})")
    terms = tuple(query_terms(text))
    if not terms:
        raise SearchError("q", "write at least one letter or digit")
    codes = [code for code, _name in _languages()]
    wanted = params.get("lang", language) or language
    if wanted != ALL_LANGUAGES and wanted not in codes:
        raise SearchError("lang", f"{wanted!r} is not one of {', '.join([*codes, ALL_LANGUAGES])}")
    kind = params.get("type") or None
    if kind is not None and kind not in TYPES:
        raise SearchError("type", f"{kind!r} is not one of {', '.join(TYPES)}")
    since, until = _date(params, "from"), _date(params, "to")
    if since and until and since > until:
        raise SearchError("from", f"{since.isoformat()} is after to={until.isoformat()}")
    return Query(
        text=text,
        terms=terms,
        language=None if wanted == ALL_LANGUAGES else wanted,
        kind=kind,
        since=since,
        until=until,
        page=_page(params),
    )


def _languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


def _date(params: QueryDict, name: str) -> date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise SearchError(name, f"{raw!r} is not a date written YYYY-MM-DD") from None


def _page(params: QueryDict) -> int:
    raw = params.get("page", "").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise SearchError("page", f"{raw!r} is not a page number from 1 to {MAX_PAGE}")
    return int(raw)


def search(query: Query, *, request: HttpRequest | None = None) -> Found:
    """One page of the pages query finds, best first, and how many it finds in all."""
    start = (query.page - 1) * PER_PAGE
    ids, total = ranked_ids(candidates(query), query.terms, start=start, stop=start + PER_PAGE)
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    pages = [by_id[pk] for pk in ids if pk in by_id]
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    hits = [_hit(page, query, query.language or codes[page.locale_id], request) for page in pages]
    return Found(hits=hits, total=total, page=query.page)


def ranked_ids(
    pages: QuerySet[Page], terms: tuple[str, ...], *, start: int, stop: int
) -> tuple[list[int], int]:
    """The ids of the best-ranked pages among pages matching every term, start to stop, and their number.

    On SQLite with Wagtail's database backend, one FTS5 query over that backend's own tables: its
    `search()` ranks through a correlated subquery per matching page, which measured 4.1 s for a two-word
    query matching 564 of 10k news items and 231 s for one matching 3,252; this, 0.2 s and 0.33 s
    (docs/public_search.md). Any other backend (PostgreSQL full text, OpenSearch) is asked through
    Wagtail's `search()`.
    """
    if (
        connection.vendor == "sqlite"
        and settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == DATABASE_BACKEND
    ):
        return _fts5_ranked_ids(pages, terms, start=start, stop=stop)
    results = pages.search(" ".join(terms), operator="and")
    return [page.pk for page in results[start:stop]], results.count()


# The index's two tables as Wagtail's database backend makes them on SQLite: the entries (one per indexed
# object, by content type and id) and their FTS5 table (same rowid; columns title and body searched here).
_FTS5_MATCHES = """
    FROM wagtailsearch_indexentry_fts
    JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
    WHERE wagtailsearch_indexentry_fts MATCH %s AND entry.content_type_id IN ({types})
    AND CAST(entry.object_id AS INTEGER) IN ({pages})
"""
# A page of the matches, best first (BM25, then the newest id), each row with the number of matches.
_FTS5_RANKED_PAGE = """
    WITH found AS MATERIALIZED (
        SELECT CAST(entry.object_id AS INTEGER) AS id, bm25(wagtailsearch_indexentry_fts) AS score {matches}
    )
    SELECT id, (SELECT count(*) FROM found) FROM found ORDER BY score, id DESC LIMIT %s OFFSET %s
"""


def _fts5_ranked_ids(
    pages: QuerySet[Page], terms: tuple[str, ...], *, start: int, stop: int
) -> tuple[list[int], int]:
    # The terms are folded words (letters and digits only), quoted all the same.
    match = "{title body}: (" + " AND ".join(f'"{term}"' for term in terms) + ")"
    types = [ContentType.objects.get_for_model(model).pk for model in get_page_models()]
    # Unordered: Page's default order (by path) would sort every candidate page for an IN list.
    page_sql, page_params = pages.order_by().values("pk").query.sql_with_params()
    matches = _FTS5_MATCHES.format(types=", ".join(["%s"] * len(types)), pages=page_sql)
    params = [match, *types, *page_params]
    with connection.cursor() as cursor:
        # One pass over the matches for the page and the count: FTS5 scores every match to rank them
        # anyway, and a second statement for the count walked the matches again (measured: about 30%
        # less time, docs/public_search.md). bm25() cannot stand beside a window function, hence the CTE.
        cursor.execute(_FTS5_RANKED_PAGE.format(matches=matches), [*params, stop - start, start])
        rows = cursor.fetchall()
        if rows or start == 0:
            return [row[0] for row in rows], rows[0][1] if rows else 0
        cursor.execute(f"SELECT count(*) {matches}", params)  # a page past the last: the count alone
        return [], cursor.fetchone()[0]


def candidates(query: Query) -> QuerySet[Page]:
    """The pages a search may find: live, public, of the language, type and dates asked for."""
    pages = Page.objects.live().public()
    if query.language is not None:
        locale = Locale.objects.get(language_code=content_language(query.language))
        pages = pages.filter(locale_id=locale.pk)
    if query.kind is not None:
        pages = pages.filter(_kind(query.kind))
    if query.since or query.until:
        pages = pages.filter(_published_between(query.since, query.until))
    return pages


def _kind(kind: str) -> Q:
    news, notices = ContentType.objects.get_for_models(NewsPage, SafetyNoticesPage).values()
    if kind == "news":
        return Q(content_type=news)
    if kind == "notice":
        return Q(content_type=notices)
    return ~Q(content_type__in=[news, notices])


def _published_between(since: date | None, until: date | None) -> Q:
    """A news item by its date, any other page by the day it was first published."""
    news = ContentType.objects.get_for_model(NewsPage)
    dated = NewsPage.objects.all()
    first_published = Q()
    if since:
        dated = dated.filter(date__gte=since)
        first_published &= Q(first_published_at__gte=_midnight(since))
    if until:
        dated = dated.filter(date__lte=until)
        first_published &= Q(first_published_at__lt=_midnight(until + timedelta(days=1)))
    return Q(content_type=news, id__in=dated.values("pk")) | (~Q(content_type=news) & first_published)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _hit(page: Page, query: Query, language: str, request: HttpRequest | None) -> Hit:
    """A page found, in the language searched: a Serbian page found in sr-cyrl is linked under /sr-cyrl/,
    its title and snippet in Cyrillic (the words matched still in <mark>)."""
    text = " ".join(page.search_parts()) if isinstance(page, PublicPage) else ""
    title, found = page.title, snippet(text, list(query.terms))
    if in_cyrillic(language):
        title, found = to_cyrillic(title), mark_safe(html_to_cyrillic(found))  # noqa: S308 - escaped by snippet
    with translation.override(language):
        url = page.get_url(request) or ""
    return Hit(title=title, url=url, language=language, snippet=found, published=published(page))


def published(page: Page) -> date | None:
    if isinstance(page, NewsPage):
        return page.date
    if page.first_published_at is None:
        return None
    return timezone.localdate(page.first_published_at)


def reindex_notices(**_signal) -> None:
    """The safety notices pages again, with the notices the bundle just imported brought (a post_save
    receiver of release's BundleImport, connected in apps.py: in the import's transaction)."""
    for page in SafetyNoticesPage.objects.all():
        index.insert_or_update_object(page)
