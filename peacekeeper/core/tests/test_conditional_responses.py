"""ETags: an unchanged body answers 304 with the headers a cache needs, whatever form the tag comes back in.

Django's `get_conditional_response` would also evaluate If-Match and If-Unmodified-Since; the latter it
answers 412 when the response has no Last-Modified, where RFC 9110 (13.1.4) says to ignore it. Ours reads
If-None-Match only, so a layer answers 200 or 304, as its OpenAPI document says (core.openapi.etagged).
"""

import re

import pytest
from django.test import RequestFactory

from peacekeeper.core.conditional import conditional_response, etag_of

BODY = b'{"type": "FeatureCollection", "features": []}'
ETAG = etag_of(BODY)


def answer(**headers: str):
    request = RequestFactory().get("/api/layer", headers=headers)
    return conditional_response(request, BODY, ETAG, content_type="application/geo+json")


def test_a_first_request_gets_the_body_and_its_etag():
    response = answer()
    assert response.status_code == 200
    assert response.content == BODY
    assert response["ETag"] == ETAG
    assert response["Content-Type"] == "application/geo+json"


@pytest.mark.parametrize(
    "if_none_match",
    [
        ETAG,
        "W/" + ETAG,  # GZipMiddleware weakens the tag of a compressed response, and the browser sends it back
        f'"an-older-body", {ETAG}',
        "*",
    ],
)
def test_an_unchanged_body_answers_304_with_no_body(if_none_match):
    response = answer(if_none_match=if_none_match)
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize("status", [200, 304])
def test_both_answers_are_private_revalidated_and_vary_by_session(status):
    response = answer(if_none_match=ETAG) if status == 304 else answer()
    assert response.status_code == status
    assert response["ETag"] == ETAG
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Vary"] == "Cookie"


@pytest.mark.parametrize(
    "headers",
    [
        {"if_none_match": '"an-older-body"'},
        {"if_none_match": "W/" + '"an-older-body"'},
        # No modification date: a date condition neither refuses (412) nor spares the body (304).
        {"if_unmodified_since": "Mon, 07 Dec 2026 07:00:00 GMT"},
        {"if_modified_since": "Mon, 07 Dec 2026 07:00:00 GMT"},
    ],
)
def test_a_changed_body_or_a_date_condition_gets_the_body(headers):
    response = answer(**headers)
    assert response.status_code == 200
    assert response.content == BODY


def test_the_etag_is_the_bodys_hash():
    assert etag_of(BODY) == ETAG
    assert etag_of(BODY + b" ") != ETAG
    assert re.fullmatch(r'"[0-9a-f]{24}"', ETAG)  # strong, quoted: 12 bytes of BLAKE2b
