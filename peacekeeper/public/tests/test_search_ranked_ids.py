"""The FTS5 path of search.py (`ranked_ids` on SQLite): the page of ids and the total of one statement are
those of a count and a ranked query asked apart, on every page, past the last one too."""

import pytest
from django.db import connection
from django.http import QueryDict

from peacekeeper.public.search import candidates, parse, ranked_ids
from peacekeeper.public.tests.search_pages import add_news

MATCH = "{title body}: (" + '"dragash"' + ")"
APART = """
    FROM wagtailsearch_indexentry_fts
    JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
    JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER)
    WHERE wagtailsearch_indexentry_fts MATCH %s AND page.live AND page.locale_id = %s
"""


def asked_apart(locale_id: int) -> tuple[list[int], int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {APART}", [MATCH, locale_id])
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT CAST(entry.object_id AS INTEGER) {APART}"
            " ORDER BY bm25(wagtailsearch_indexentry_fts), 1 DESC",
            [MATCH, locale_id],
        )
        return [row[0] for row in cursor.fetchall()], total


def test_every_page_of_ids_and_the_total_are_those_of_a_count_and_a_ranking_asked_apart(seeded):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL is asked through Wagtail's search(), not through FTS5")
    news = [
        add_news(f"Item {number}", "<p>" + "Dragash " * (1 + number % 4) + "patrol</p>")
        for number in range(13)
    ]
    added = {page.pk for page in news}
    query = parse(QueryDict("q=Dragash"), language="en")
    pages = candidates(query)
    every, total = asked_apart(news[0].locale_id)

    pages_of_ten = [ranked_ids(pages, query.terms, start=start, stop=start + 10) for start in (0, 10, 20)]

    assert added <= set(every)
    assert total == len(every)
    assert 13 <= total < 20  # so the third page is past the last one
    assert [ids for ids, _total in pages_of_ten] == [every[:10], every[10:20], every[20:30]]
    assert [found for _ids, found in pages_of_ten] == [total] * 3
