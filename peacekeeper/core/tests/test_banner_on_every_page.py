"""Pages that show no record still carry the banner, top and bottom: the API docs and the error pages."""

import re

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

NO_RECORDS = "NO RECORDS SHOWN · NOT MARKED"


def banners(page: str) -> list[tuple[str, str]]:
    """(class, text) of each banner on the page."""
    found = re.findall(
        r'<div class="banner ([^"]*)"[^>]*data-testid="banner-(?:top|bottom)"[^>]*>([^<]*)</div>', page
    )
    return [(css.replace("banner-bottom", "").strip(), text) for css, text in found]


def without_csrf_token(response) -> str:
    # The logout form's token is masked afresh on every page.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def assert_unmarked_banners(page: str) -> None:
    assert banners(page) == [("banner-none", NO_RECORDS), ("banner-none", NO_RECORDS)], page[:2000]


@pytest.mark.django_db
def test_the_api_docs_page_has_the_banner_and_still_runs_swagger(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    response = client.get("/api/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert_unmarked_banners(page)
    assert 'id="swagger-settings"' in page
    assert '"url": "/api/openapi.json"' in page
    assert "ninja/swagger-ui-bundle" in page
    assert 'data-api-csrf="true"' in page


@pytest.mark.django_db
def test_the_not_found_page_has_the_banner_and_is_the_same_for_hidden_and_missing_records(
    client, theatre, german_watchkeeper, italian_analyst
):
    hidden = create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    client.force_login(italian_analyst)

    missing_page = client.get("/log/999999/")
    hidden_page = client.get(f"/log/{hidden.pk}/")
    no_page = client.get("/no/such/page/")

    assert missing_page.status_code == hidden_page.status_code == no_page.status_code == 404
    assert_unmarked_banners(no_page.content.decode())
    assert without_csrf_token(hidden_page) == without_csrf_token(missing_page) == without_csrf_token(no_page)


@pytest.mark.django_db
def test_the_not_allowed_page_has_the_banner_and_says_why(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)

    response = client.get("/forces/caveats/new/")

    assert response.status_code == 403
    page = response.content.decode()
    assert_unmarked_banners(page)
    assert "only planners and administrators keep national caveats" in page


@pytest.mark.django_db
def test_the_expired_form_page_has_the_banner(german_watchkeeper):
    client = Client(enforce_csrf_checks=True)
    client.force_login(german_watchkeeper)

    response = client.post("/logout/")

    assert response.status_code == 403
    assert_unmarked_banners(response.content.decode())


@pytest.mark.django_db
def test_the_server_error_page_has_the_banner():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert_unmarked_banners(response.content.decode())
