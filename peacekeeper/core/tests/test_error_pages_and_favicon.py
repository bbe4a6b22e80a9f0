"""Refusals and failures answer the site's styled pages (banner, navigation, a way back) for every page
path, and the API's JSON error under /api/; /favicon.ico finds the site's icon."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory

from peacekeeper.core.error_pages import failed, forbidden
from peacekeeper.urls import handler403, handler404, handler500


def _styled(page: str) -> bool:
    return (
        page.count('data-testid="banner-') == 2
        and "Back to the map" in page
        and '<link rel="icon"' in page
        and "</html>" in page
    )


def test_the_project_names_its_own_handlers_for_403_404_and_500():
    assert handler403 == "peacekeeper.core.error_pages.forbidden"
    assert handler404 == "peacekeeper.core.not_found.not_found"
    assert handler500 == "peacekeeper.core.error_pages.failed"


@pytest.mark.django_db
def test_a_refused_page_is_the_styled_not_allowed_page_naming_the_reason(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    response = client.get("/posture/tasks/new")

    page = response.content.decode()
    assert response.status_code == 403
    assert _styled(page)
    assert '<nav class="nav" aria-label="Main">' in page
    assert "Only planners and administrators plan the posture." in page


@pytest.mark.django_db
def test_an_unknown_page_address_is_the_styled_not_found_page(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    for path in ("/no/such/page/", "/posture/tasks/999999/edit", "/log/export/xlsx/", "/static/no-such.css"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert _styled(response.content.decode()), path


def test_a_refusal_under_the_api_is_json():
    response = forbidden(RequestFactory().get("/api/posture/tasks"), PermissionDenied("only planners"))

    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "only planners", "errors": []}


def test_a_server_error_under_the_api_is_json_and_elsewhere_the_styled_page():
    api = failed(RequestFactory().get("/api/events/"))
    page = failed(RequestFactory().get("/log/"))

    assert api.status_code == page.status_code == 500
    assert json.loads(api.content) == {"detail": "server error", "errors": []}
    assert _styled(page.content.decode())
    assert "Something went wrong" in page.content.decode()


@pytest.mark.django_db
def test_a_page_that_fails_answers_the_styled_server_error_page(monkeypatch, german_watchkeeper):
    from peacekeeper.access import context_processors

    def broken(user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(context_processors.policy, "reads_audit", broken)
    client = Client(raise_request_exception=False)
    client.force_login(german_watchkeeper)

    response = client.get("/theatre/about/")

    assert response.status_code == 500
    assert _styled(response.content.decode())


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_sites_own_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert "core/favicon" in response["Location"]
    icon = Path(finders.find("core/favicon.svg")).read_text(encoding="utf-8")
    assert icon.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert icon.rstrip().endswith("</svg>")
