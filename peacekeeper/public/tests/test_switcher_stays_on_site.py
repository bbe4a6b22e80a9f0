"""The language switcher on a page that does not exist links within the site, never to another host."""

import re
from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("path", ["//evil.example/x", "/%2F%2Fevil.example/x", "/en//evil.example/x"])
def test_the_switcher_on_a_missing_page_never_links_off_site(client, seeded, path):
    response = client.get(path, follow=True)

    assert response.status_code == 404
    hrefs = re.findall(r'href="([^"]*)"', response.content.decode())
    assert hrefs
    # `///evil.example/x` is evil.example's page to a browser; an absolute URL must name this site.
    off_site = [
        href for href in hrefs if href.startswith("//") or urlsplit(href).netloc not in ("", "testserver")
    ]
    assert not off_site
