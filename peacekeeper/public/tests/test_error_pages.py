"""The public site's error pages: its own templates in the visitor's language, never the mission's; a form
sent without the CSRF cookie tells the journalist to reload, and a body past the size the site takes is
refused with a 400, not a failure."""

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from peacekeeper.public.tests.test_accreditation import PAGE, application


def _public_templates_only(response) -> None:
    names = [template.name for template in response.templates]
    assert names, "the page was rendered from a template"
    assert all(name.startswith(("public/", "wagtail")) for name in names), names


def test_a_form_sent_without_the_csrf_cookie_says_to_reload_in_the_visitors_language(seeded):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/sq/media-operations/", application())
    html = response.content.decode()

    assert response.status_code == 403
    assert "Ringarkoni faqen, lejoni cookies e saj dhe dërgojeni formularin përsëri." in html
    assert '<html lang="sq">' in html
    assert "Back to the map" not in html  # the mission's page
    _public_templates_only(response)


@pytest.mark.parametrize(("status", "text"), [(400, "The request could not be read"), (403, "Access denied")])
def test_the_public_error_handlers_render_the_public_pages(rf, seeded, status, text):
    handler = get_resolver().resolve_error_handler(status)

    response = handler(rf.get("/en/news/"), exception=Exception())

    assert response.status_code == status
    assert text in response.content.decode()


def test_a_body_larger_than_the_site_takes_is_refused_with_the_public_400_page(seeded, settings):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(PAGE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = browser.post(
        PAGE,
        application(csrfmiddlewaretoken=token, purpose="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)),
    )

    assert response.status_code == 400
    assert "The site could not read what your browser sent" in response.content.decode()
    _public_templates_only(response)


def test_a_form_of_ordinary_size_is_still_taken(seeded):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(PAGE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = browser.post(PAGE, application(csrfmiddlewaretoken=token, purpose="x" * 2000))

    assert response.status_code == 302
