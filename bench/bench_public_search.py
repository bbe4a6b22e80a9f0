"""bench public-search: "Search our content" over generated news in three languages, the project's JSON
endpoint against the same search engine queried directly, in the same run.

Content: the shipped public site (seeding.py) plus STORED generated news items, a third in each language,
every one flagged EXERCISE (title and banner), their words drawn from the shipped pages of that language.
They are written in bulk with correct tree paths (treebeard's `add_child` one by one would take hours at
100k) and indexed through Wagtail's search backend (`add_items`, as `update_index` does).
Project: `GET /api/public/search?q=…&lang=…` through Django's test Client and the public site's middleware:
parsing, folding, the backend's ranked search and count, ten specific pages, snippets, JSON.
Baseline: the same engine asked directly: the ranked top ten and the count, in one FTS5 statement as the
project asks it, over Wagtail's database backend's own tables, joined to the live pages of the language,
with the same folded terms.
Queries: two words of a generated item of a random language, as written (accents, Cyrillic for Serbian
items written in Cyrillic).
Other engines, with BENCH_SEARCH_ENGINES=1 (docs/public_search.md, "The engine"): each query also asked
of FTS5 as the project asked it before (a count, then the ranked ten: `fts5_two_*`), and of tantivy
(`pip install tantivy==0.27.0`; not a dependency of the product) over the same folded text of the same
pages with their language as a field (`tantivy_*`); each must find the same total.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
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
# The live pages of the language matching every folded term, ranked by BM25; the count and the best ten
# in one statement, as the project asks it (search.py's `_fts5_ranked_ids`).
DIRECT_SEARCH = """
    WITH found AS MATERIALIZED (
        SELECT CAST(entry.object_id AS INTEGER) AS id, bm25(wagtailsearch_indexentry_fts) AS score
        FROM wagtailsearch_indexentry_fts
        JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
        JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER)
        JOIN wagtailcore_locale AS locale ON locale.id = page.locale_id
        WHERE wagtailsearch_indexentry_fts MATCH %s AND page.live AND locale.language_code = %s
    )
    SELECT id, (SELECT count(*) FROM found) FROM found ORDER BY score, id DESC LIMIT 10
"""
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
        others = OtherEngines() if os.environ.get("BENCH_SEARCH_ENGINES") == "1" else None
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
            if others is not None:
                others.ask(query, language, direct_total)
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
        **(others.figures() if others is not None else {}),
    }
    return [BenchResult("public-search", project, baseline, baseline / project, extras)]


def engine_directly(query: str, language: str) -> int:
    """The same FTS5 tables asked directly, as the endpoint asks them (live pages of the language, every
    folded term): the ten best ids and the total, in one statement; the total."""
    from django.db import connection

    from peacekeeper.public.folding import query_terms

    match = "{title body}: (" + " AND ".join(f'"{term}"' for term in query_terms(query)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(DIRECT_SEARCH, [match, language])
        rows = cursor.fetchall()
    return rows[0][1] if rows else 0


# FTS5 as search.py asked it before the one statement: the count, then the ranked ten.
TWO_STATEMENTS_COUNT = """
    SELECT count(*) FROM wagtailsearch_indexentry_fts
    JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
    JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER)
    JOIN wagtailcore_locale AS locale ON locale.id = page.locale_id
    WHERE wagtailsearch_indexentry_fts MATCH %s AND page.live AND locale.language_code = %s
"""
TWO_STATEMENTS_BEST = (
    TWO_STATEMENTS_COUNT.replace("count(*)", "CAST(entry.object_id AS INTEGER)")
    + " ORDER BY bm25(wagtailsearch_indexentry_fts), 1 DESC LIMIT 10"
)
# What FTS5 holds for each live page: the index entry's title and body (folded text), and the language.
INDEXED_PAGES = """
    SELECT CAST(entry.object_id AS INTEGER), entry.title, entry.body, locale.language_code
    FROM wagtailsearch_indexentry AS entry
    JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER)
    JOIN wagtailcore_locale AS locale ON locale.id = page.locale_id
    WHERE page.live AND entry.content_type_id IN (
        SELECT id FROM django_content_type WHERE app_label IN ('public', 'wagtailcore'))
"""


class OtherEngines:
    """FTS5 asked in two statements, and tantivy over the same folded text in an index of its own (a
    temporary directory), timed on the same queries as the endpoint, one after the other."""

    def __init__(self) -> None:
        try:
            import tantivy
        except ImportError:
            raise RuntimeError("BENCH_SEARCH_ENGINES=1 needs tantivy: pip install tantivy==0.27.0") from None
        from django.db import connection

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("title", tokenizer_name="default")
        builder.add_text_field("body", tokenizer_name="default")
        builder.add_text_field("lang", tokenizer_name="raw")
        builder.add_integer_field("pk", stored=True, indexed=True, fast=True)
        self.schema = builder.build()
        self.directory = tempfile.TemporaryDirectory(prefix="bench-tantivy-")
        started = time.perf_counter()
        index = tantivy.Index(self.schema, path=self.directory.name)
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        with connection.cursor() as cursor:
            cursor.execute(INDEXED_PAGES)
            for pk, title, body, language in cursor.fetchall():
                writer.add_document(tantivy.Document(title=title, body=body or "", lang=language, pk=pk))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self.build_s = time.perf_counter() - started
        self.searcher = index.searcher()
        self.two_ms: list[float] = []
        self.tantivy_ms: list[float] = []

    def ask(self, query: str, language: str, total: int) -> None:
        from django.db import connection

        from peacekeeper.public.folding import query_terms

        terms = query_terms(query)
        match = "{title body}: (" + " AND ".join(f'"{term}"' for term in terms) + ")"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(TWO_STATEMENTS_COUNT, [match, language])
            two_total = cursor.fetchone()[0]
            cursor.execute(TWO_STATEMENTS_BEST, [match, language])
            cursor.fetchall()
        self.two_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        tantivy_total, _best = self.top_ten(terms, language)
        self.tantivy_ms.append((time.perf_counter() - started) * 1000)
        if not two_total == tantivy_total == total:
            raise RuntimeError(
                f"{query!r}: FTS5 found {total} in one statement, {two_total} in two, tantivy {tantivy_total}"
            )

    def top_ten(self, terms: list[str], language: str) -> tuple[int, list[int]]:
        """Every term in the title or the body, of the language: the count and the ten best (BM25) ids."""
        tantivy, schema = self.tantivy, self.schema
        must = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "lang", language))]
        for term in terms:
            either = [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, field, term))
                for field in ("title", "body")
            ]
            must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(either)))
        result = self.searcher.search(tantivy.Query.boolean_query(must), limit=10, count=True)
        return result.count, [self.searcher.doc(address)["pk"][0] for _score, address in result.hits]

    def figures(self) -> dict[str, object]:
        return {
            "fts5_two_p50_ms": percentile(self.two_ms, 0.5),
            "fts5_two_p99_ms": percentile(self.two_ms, 0.99),
            "tantivy_p50_ms": percentile(self.tantivy_ms, 0.5),
            "tantivy_p99_ms": percentile(self.tantivy_ms, 0.99),
            "tantivy_build_s": self.build_s,
        }


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
