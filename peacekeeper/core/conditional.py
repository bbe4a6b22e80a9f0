"""Conditional responses: a body's hash is its ETag, and an unchanged refresh costs a 304 and no body."""

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def etag_matches(request: HttpRequest, etag: str) -> bool:
    # If-None-Match only. Django's get_conditional_response also answers If-Match and If-Unmodified-Since
    # with 412, the latter even with no Last-Modified (RFC 9110 13.1.4 says ignore it): a status our
    # OpenAPI document does not give (core.openapi.etagged), for a read nobody makes conditional that way.
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    # Weak comparison: GZipMiddleware turns our strong tag into W/"..." on compressed responses.
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


# Private: the body depends on who asks. no-cache: the browser revalidates, and gets 304 if unchanged.
REVALIDATE = "private, no-cache"


def conditional_response(
    request: HttpRequest, body: bytes, etag: str, *, content_type: str, cache_control: str = REVALIDATE
) -> HttpResponse:
    if etag_matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["Vary"] = "Cookie"
    return response
