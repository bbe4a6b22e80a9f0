"""The public site serves the static files its pages and its CMS use, and none of the mission's client code
(what the finder in public mode, static_files.py, finds is what collectstatic gathers there)."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/static/cop/map.js",
        "/static/events/log.js",
        "/static/posture/posture.js",
        "/static/watch/alerts.js",
        "/static/duty/actions.js",
        "/static/access/banner.js",
        "/static/theatre/dtg.js",  # the theatre's, but not the basemap's
        "/static/core/app.css",
        "/static/admin/js/core.js",  # Django's admin: the CMS does not use it
    ],
)
def test_the_missions_static_files_are_not_served(client, seeded, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/static/public/site.css",
        "/static/public/notices_map.js",
        "/static/theatre/basemap.js",
        "/static/theatre/basemap_labels.js",
        "/static/theatre/roads.js",
        "/static/theatre/basemap.css",
        "/static/leaflet/leaflet.js",
        "/static/wagtailadmin/css/core.css",
    ],
)
def test_the_public_pages_and_the_cms_static_files_are_served(client, seeded, path):
    assert client.get(path).status_code == 200
