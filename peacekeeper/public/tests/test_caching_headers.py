"""What a reverse proxy or CDN may keep: anonymous pages, feeds, sitemap and robots for a short while, with an
ETag and 304; never what a signed-in editor sees, a form, or the CMS."""

import pytest

from peacekeeper.public.caching import PUBLIC_CACHE

SHARED = ["/en/", "/sq/news/", "/sr/news/exercise-road-closure-drill-zvecan/", "/en/search/?q=kfor",
          "/en/feed/", "/sitemap.xml", "/robots.txt"]  # fmt: skip


def _vary(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


@pytest.mark.parametrize("path", SHARED)
def test_an_anonymous_answer_is_publicly_cacheable_with_an_etag(client, seeded, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC_CACHE
    assert response["ETag"].startswith('"')
    assert "cookie" in _vary(response)
    assert "accept-language" not in _vary(response)  # the language is in the URL, or does not matter


@pytest.mark.parametrize("path", SHARED)
def test_a_request_holding_the_etag_gets_304_without_a_body(client, seeded, path):
    etag = client.get(path)["ETag"]

    response = client.get(path, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == PUBLIC_CACHE


def test_a_stale_etag_gets_the_page(client, seeded):
    response = client.get("/en/", headers={"If-None-Match": '"not-this-one"'})

    assert response.status_code == 200
    assert response.content


def test_the_redirect_to_a_language_varies_on_accept_language(client, seeded):
    response = client.get("/", headers={"Accept-Language": "sq"})

    assert response.status_code == 302
    assert response["Location"] == "/sq/"
    assert {"accept-language", "cookie"} <= _vary(response)
    assert response["Cache-Control"] == PUBLIC_CACHE


@pytest.mark.parametrize("path", ["/en/", "/en/news/", "/en/feed/", "/sitemap.xml"])
def test_a_signed_in_editors_answer_is_never_publicly_cacheable(client, seeded, django_user_model, path):
    client.force_login(django_user_model.objects.create_user("editor", password="a long password 1"))

    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response
    assert "cookie" in _vary(response)


def test_a_page_with_a_form_is_not_publicly_cacheable(client, seeded):
    response = client.get("/en/media-operations/")

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


@pytest.mark.parametrize("path", ["/cms/", "/cms/login/"])
def test_the_cms_is_never_publicly_cacheable(client, seeded, path):
    response = client.get(path)

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
