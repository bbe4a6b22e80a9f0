"""The page cache (page_cache.py): a page asked for again is answered without being rendered, until what it
shows changes; a signed-in editor is never answered from it, and what an editor is answered is never kept."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from peacekeeper.public.models import NewsPage
from peacekeeper.release.models import BundleImport, PublicNotice


def _news() -> NewsPage:
    return NewsPage.objects.live().filter(locale__language_code="en").order_by("-date").first()


def test_a_page_asked_for_again_is_answered_from_the_cache(client, seeded, django_assert_num_queries):
    first = client.get("/en/news/")

    with django_assert_num_queries(1):  # the content version, nothing else
        again = client.get("/en/news/")

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_search_is_kept_by_its_query(client, seeded):
    kfor = client.get("/en/search/?q=kfor").content

    assert client.get("/en/search/?q=zvecan").content != kfor
    assert client.get("/en/search/?q=kfor").content == kfor


def test_the_cached_page_answers_its_etag_with_304(client, seeded):
    etag = client.get("/en/").get("ETag")
    client.get("/en/")

    response = client.get("/en/", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_published_change_is_shown_at_once(client, seeded):
    news = _news()
    assert escape(news.title) in client.get("/en/news/").content.decode()

    news.title = "Bridge reopened at Mitrovica"
    news.save_revision().publish()

    assert "Bridge reopened at Mitrovica" in client.get("/en/news/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, seeded):
    news = _news()
    address = news.get_url()
    assert client.get(address).status_code == 200

    news.unpublish()

    assert client.get(address).status_code == 404
    assert escape(news.title) not in client.get("/en/news/").content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, seeded):
    news = _news()
    address = news.get_url()
    assert escape(news.title) in client.get(address).content.decode()

    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert escape(news.title) not in client.get("/en/news/").content.decode()
    assert "password" in client.get(address).content.decode().lower()


def test_the_notices_of_a_newly_imported_bundle_are_shown_at_once(client, seeded):
    now = datetime.now(UTC)
    assert "Jarinje" not in client.get("/en/safety-notices/").content.decode()

    # What an accepted import writes, in its transaction: the records, then its own row.
    PublicNotice.objects.create(
        source_id="r1", kind="closed", place="at Jarinje", segments=["M-2 Leposavić–Jarinje"],
        started_at=now - timedelta(hours=1), marking="PUBLIC",
    )  # fmt: skip
    BundleImport.objects.create(
        version=1, source_mission="KFOR", created_at=now, manifest={}, sha256="0" * 64
    )

    assert "Jarinje" in client.get("/en/safety-notices/").content.decode()


def test_a_signed_in_editor_is_never_answered_from_the_cache_nor_stored_in_it(
    client, seeded, django_assert_max_num_queries
):
    editor = User.objects.create_superuser("editor", password="editor-pass-123")
    draft = _news()
    draft.title = "Draft only the editor sees"
    draft.save_revision()  # not published
    client.get("/en/news/")  # cached for visitors

    client.force_login(editor)
    signed_in = client.get("/en/news/")
    client.logout()

    assert signed_in["Cache-Control"].startswith("private")
    with django_assert_max_num_queries(1):
        anonymous = client.get("/en/news/")
    assert anonymous["Cache-Control"].startswith("public")
    assert b"Draft only the editor sees" not in anonymous.content


def test_a_form_page_is_never_kept(seeded):
    """The Media Operations page holds the accreditation form and its CSRF token: every visitor's own."""
    first = Client().get("/en/media-operations/")
    assert "private" in first["Cache-Control"]

    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/en/media-operations/")

    assert len(queries) > 1  # rendered again
    assert "private" in again["Cache-Control"]


def test_a_page_in_each_language_is_kept_in_that_language(client, seeded, django_assert_num_queries):
    for language in ("en", "sq", "sr"):
        first = client.get(f"/{language}/news/")

        with django_assert_num_queries(1):
            again = client.get(f"/{language}/news/")

        assert again.content == first.content
        assert again["Content-Language"] == language


def test_the_redirect_of_the_root_follows_each_visitors_language(client, seeded):
    assert client.get("/", headers={"Accept-Language": "sq"})["Location"] == "/sq/"
    assert client.get("/", headers={"Accept-Language": "sr"})["Location"] == "/sr/"
    assert client.get("/", headers={"Accept-Language": "sq"})["Location"] == "/sq/"
