"""A HEAD on the search page and the search API is answered like a GET, without a body."""

import pytest


@pytest.mark.parametrize("url", ["/en/search/?q=Zvecan", "/api/public/search?q=Zvecan&lang=en"])
def test_a_head_request_on_search_is_answered(client, seeded, url):
    response = client.head(url)

    assert response.status_code == 200
    assert response.content == b""
