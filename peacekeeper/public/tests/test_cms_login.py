"""The CMS's sign-in: wrong passwords are limited per name and per address; it is the only sign-in page."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.public.login_throttle import MAX_FAILURES_PER_HOUR


@pytest.fixture
def boss(db, public_mode):
    return User.objects.create_superuser("boss", password="right horse battery")


def _sign_in(client, username, password, address="198.51.100.7"):
    return client.post("/cms/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_signs_in(client, boss):
    response = _sign_in(client, "boss", "right horse battery")

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_name_that_had_too_many_wrong_passwords_is_refused_even_the_right_one(client, boss):
    for attempt in range(MAX_FAILURES_PER_HOUR):
        assert _sign_in(client, "boss", f"guess {attempt}", address=f"203.0.113.{attempt}").status_code == 200

    response = _sign_in(client, "boss", "right horse battery", address="192.0.2.99")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_that_sent_too_many_wrong_passwords_is_refused_for_every_name(client, boss):
    for attempt in range(MAX_FAILURES_PER_HOUR):
        assert _sign_in(client, f"name{attempt}", "guess").status_code == 200

    response = _sign_in(client, "boss", "right horse battery")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_there_is_no_second_sign_in_page_under_a_language(client, boss):
    for language in ("en", "sq", "sr"):
        response = client.post(
            f"/{language}/_util/login/", {"username": "boss", "password": "right horse battery"}
        )
        assert response.status_code == 404
        assert "_auth_user_id" not in client.session


def test_there_is_no_password_reset_form(client, boss):
    # Wagtail's answer is a 404, which the language middleware sends on to /en/…, itself a 404.
    assert client.get("/cms/password_reset/", follow=True).status_code == 404
