"""bench public-search: "Search our content" over generated news in three languages, the project's JSON
endpoint against the same search engine queried directly, in the same run.

Content: the shipped public site (seeding.py) plus STORED generated news items, a third in each language,
every one flagged EXERCISE (title and banner), their words drawn from the shipped pages of that language.
They are written in bulk with correct tree paths (treebeard's `add_child` one by one would take hours at
100k) and indexed through Wagtail's search backend (`add_items`, as `update_index` does).
Project: `GET /api/public/search?q=…&lang=…` through Django's test Client and the public site's middleware:
parsing, folding, the backend's ranked search and count, ten specific pages, snippets, JSON.
Baseline: the same engine asked directly: one FTS5 count and one ranked top ten over Wagtail's database
backend's own tables, joined to the live pages of the language, with the same folded terms.
Queries: two words of a generated item of a random language, as written (accents, Cyrillic for Serbian
items written in Cyrillic).
"""

from __future__ import annotations

import random
import re
import time
import uuid
from datetime import date, timedelta

from bench.common import BenchResult, percentile, setup_django, size

SITE = "public"  # run in public mode (bench/__main__.py), whose settings install Wagtail

STORED = {"full": 100_000, "quick": 10_000, "tiny": 300}
QUERIES = {"full": 300, "quick": 200, "tiny": 10}
BODY_WORDS = 60
SEED = 20261207
_WORD = re.compile(r"\w{4,}")
DIRECT_COUNT = """
    SELECT count(*) FROM wagtailsearch_indexentry_fts
    JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
    JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER)
    JOIN wagtailcore_locale AS locale ON locale.id = page.locale_id
    WHERE wagtailsearch_indexentry_fts MATCH %s AND page.live AND locale.language_code = %s
"""
DIRECT_BEST = " ORDER BY bm25(wagtailsearch_indexentry_fts) LIMIT 10"
# The news item's own row beside its page row (a table name from the model, the values as parameters).
INSERT_NEWS = (
    "INSERT INTO {table} (page_ptr_id, date, place, exercise, summary, body, image_id, image_alt)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from django.conf import settings
    from django.test import Client, override_settings

    from peacekeeper.public.seeding import seed_public_site

    with override_settings(ALLOWED_HOSTS=["*"]):
        seed_public_site()
        rng = random.Random(SEED)
        fill_ms = _timed_ms(lambda: generate_news(STORED[size()], rng))
        queries = two_word_queries(QUERIES[size()], rng)
        client = Client()
        project_ms, baseline_ms, totals = [], [], []
        for query, language in queries:  # each query both ways in turn, so machine noise hits both alike
            started = time.perf_counter()
            response = client.get("/api/public/search", {"q": query, "lang": language})
            project_ms.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{query!r}: {response.status_code} {response.content[:300]!r}")
            totals.append(response.json()["total"])
            started = time.perf_counter()
            direct_total = engine_directly(query, language)
            baseline_ms.append((time.perf_counter() - started) * 1000)
            if direct_total != totals[-1]:
                raise RuntimeError(f"{query!r}: the endpoint found {totals[-1]}, the engine {direct_total}")
    project, baseline = percentile(project_ms, 0.5), percentile(baseline_ms, 0.5)
    extras: dict[str, object] = {
        "p99_ms": percentile(project_ms, 0.99),
        "baseline_p99_ms": percentile(baseline_ms, 0.99),
        "items": STORED[size()],
        "queries": len(queries),
        "median_total": percentile(totals, 0.5),
        "fill_s": fill_ms / 1000,
        "engine": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1],
        "db": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
    return [BenchResult("public-search", project, baseline, baseline / project, extras)]


def engine_directly(query: str, language: str) -> int:
    """The same FTS5 tables asked directly, as the endpoint asks them (live pages of the language, every
    folded term): the total, then the ten best ids."""
    from django.db import connection

    from peacekeeper.public.folding import query_terms

    match = "{title body}: (" + " AND ".join(f'"{term}"' for term in query_terms(query)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(DIRECT_COUNT, [match, language])
        total = cursor.fetchone()[0]
        cursor.execute(DIRECT_COUNT.replace("count(*)", "entry.object_id") + DIRECT_BEST, [match, language])
        cursor.fetchall()
    return total


_vocabulary: dict[str, list[str]] = {}


def vocabulary(language: str) -> list[str]:
    """The words of the shipped pages of a language (4 letters or more), most frequent first."""
    if language not in _vocabulary:
        from collections import Counter

        from peacekeeper.public.models import PublicPage

        counts: Counter[str] = Counter()
        for page in PublicPage.__subclasses__():
            for item in page.objects.filter(locale__language_code=language):
                for text in [item.title, *item.search_parts()]:
                    counts.update(word for word in _WORD.findall(text) if not word.isdigit())
        _vocabulary[language] = [word for word, _count in counts.most_common()]
    return _vocabulary[language]


def _words(language: str, rng: random.Random, count: int) -> list[str]:
    words = vocabulary(language)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as prose is
    return rng.choices(words, weights=weights, k=count)


def generate_news(count: int, rng: random.Random) -> None:
    """count EXERCISE news items, a third per language, under each language's news index; then indexed."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from peacekeeper.public.content import LANGUAGE_CODES
    from peacekeeper.public.models import NewsIndexPage, NewsPage

    news_type = ContentType.objects.get_for_model(NewsPage)
    now = timezone.now()
    page_ids: list[int] = []
    with transaction.atomic():
        for number, language in enumerate(LANGUAGE_CODES):
            index = NewsIndexPage.objects.get(locale__language_code=language)
            share = count // len(LANGUAGE_CODES) + (1 if number < count % len(LANGUAGE_CODES) else 0)
            pages, rows = [], []
            for child in range(share):
                step = index.numchild + child + 1
                title = "EXERCISE: " + " ".join(_words(language, rng, 5))
                slug = f"exercise-{language}-{child}"
                pages.append(
                    Page(
                        path=Page._get_path(index.path, index.depth + 1, step),
                        depth=index.depth + 1,
                        numchild=0,
                        translation_key=uuid.uuid4(),
                        locale_id=index.locale_id,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=news_type,
                        url_path=f"{index.url_path}{slug}/",
                    )
                )
                day = date(2026, 12, 1) - timedelta(days=rng.randrange(3 * 365))
                body = "<p>" + " ".join(_words(language, rng, BODY_WORDS)) + "</p>"
                rows.append((day, "Pristina", True, "", body, None, ""))
            created = Page.objects.bulk_create(pages, batch_size=2000)
            ids = [page.pk for page in created]
            with connection.cursor() as cursor:
                cursor.executemany(
                    INSERT_NEWS.format(table=NewsPage._meta.db_table),
                    [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                )
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + share)
            page_ids.extend(ids)
    index = get_search_backend().get_index_for_model(NewsPage)
    for start in range(0, len(page_ids), 1000):
        chunk = NewsPage.objects.filter(pk__in=page_ids[start : start + 1000]).prefetch_related(
            "tagged_items"
        )
        index.add_items(NewsPage, list(chunk))


def two_word_queries(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Two words of a random generated item, as written, and the item's language."""
    from peacekeeper.public.models import NewsPage

    items = list(NewsPage.objects.filter(exercise=True).values_list("pk", flat=True))
    queries = []
    for pk in rng.sample(items, min(count, len(items))):
        item = NewsPage.objects.select_related("locale").get(pk=pk)
        words = _WORD.findall(item.search_parts()[0])
        queries.append((" ".join(rng.sample(words, 2)), item.locale.language_code))
    return queries


def _timed_ms(work) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000
