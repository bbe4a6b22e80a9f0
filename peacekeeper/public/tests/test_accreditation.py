"""Press accreditation on the Media Operations page: validated in the visitor's language, guarded against
robots and floods, stored for the Public Affairs Office and never shown publicly."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.public.accreditation import MAX_ATTEMPTS_PER_HOUR, RETENTION_DAYS, purge_expired
from peacekeeper.public.forms import start_token
from peacekeeper.public.models import AccreditationApplication, AccreditationAttempt

PAGE = "/en/media-operations/"


def application(**changes) -> dict:
    first = timezone.localdate() + timedelta(days=10)
    data = {
        "name": "Arta Krasniqi",
        "organisation": "Radio Dukagjini",
        "role": "reporter",
        "nationality": "Kosovar",
        "email": "arta@example.org",
        "phone": "+383 44 123 456",
        "press_card": "AGK-2291",
        "visit_from": first.isoformat(),
        "visit_to": (first + timedelta(days=2)).isoformat(),
        "purpose": "A report on the patrols near the Ibar bridge.",
        "consent": "on",
        "website": "",
        # Opened a minute ago, as a person would have.
        "started": start_token(time.time() - 60),
    }
    data.update(changes)
    return data


def test_the_page_offers_the_form_and_says_who_sees_the_data(client, seeded):
    response = client.get(PAGE)
    html = response.content.decode()

    assert 'name="press_card"' in html
    assert 'name="website"' in html  # the honeypot
    assert f"kept for {RETENTION_DAYS} days after the last day of your visit" in html
    assert "Only the staff of the Public Affairs Office see your application" in html
    assert "no-store" in response["Cache-Control"]


def test_a_valid_application_is_stored_for_the_office(client, seeded):
    response = client.post("/sq/media-operations/", application())

    assert response.status_code == 302
    assert response["Location"].endswith("?sent=1")
    stored = AccreditationApplication.objects.get()
    assert stored.press_card == "AGK-2291"
    assert stored.status == AccreditationApplication.Status.NEW
    assert stored.language == "sq"
    assert stored.consented_at is not None
    thanks = client.get(response["Location"]).content.decode()
    assert "aplikimi juaj ka arritur në Zyrën për Informim Publik" in thanks


def test_each_invalid_field_is_named_in_the_visitors_language(client, seeded):
    response = client.post(
        "/sr/media-operations/",
        application(
            name="",
            email="arta-at-example",
            phone="call me",
            visit_from=(timezone.localdate() - timedelta(days=1)).isoformat(),
            consent="",
        ),
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert "Ovo polje je obavezno." in html  # name
    assert "Upišite celu adresu e-pošte" in html
    assert "Upišite broj telefona sa pozivnim brojem zemlje" in html
    assert "Poseta ne može početi u prošlosti." in html
    assert "Označite polje za saglasnost" in html
    assert 'aria-describedby="id_email-error"' in html
    assert not AccreditationApplication.objects.exists()


def test_a_visit_must_end_after_it_starts(client, seeded):
    first = timezone.localdate() + timedelta(days=5)
    response = client.post(
        PAGE, application(visit_from=first.isoformat(), visit_to=(first - timedelta(days=1)).isoformat())
    )

    assert response.status_code == 400
    assert "The last day of the visit cannot be before the first." in response.content.decode()
    assert not AccreditationApplication.objects.exists()


def test_a_filled_honeypot_is_refused(client, seeded):
    response = client.post(PAGE, application(website="http://spam.example"))

    assert response.status_code == 400
    assert "filled in automatically and cannot be accepted" in response.content.decode()
    assert not AccreditationApplication.objects.exists()


def test_a_form_sent_at_once_is_refused_as_too_fast(client, seeded):
    response = client.post(PAGE, application(started=start_token()))

    assert response.status_code == 400
    assert "sent too quickly after it was opened" in response.content.decode()
    assert not AccreditationApplication.objects.exists()


@pytest.mark.parametrize("started", ["", "1700000000", "forged:token"])
def test_a_start_time_this_site_did_not_sign_is_refused(client, seeded, started):
    response = client.post(PAGE, application(started=started))

    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    assert not AccreditationApplication.objects.exists()


def test_a_stale_form_is_refused(client, seeded):
    response = client.post(PAGE, application(started=start_token(time.time() - 3 * 24 * 3600)))

    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()


def test_too_many_sendings_from_one_address_get_429(client, seeded):
    for _ in range(MAX_ATTEMPTS_PER_HOUR):
        assert client.post(PAGE, application(name="")).status_code == 400

    response = client.post(PAGE, application())

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "too many times from your connection" in response.content.decode()
    assert not AccreditationApplication.objects.exists()
    # Another address is not held back by this one's sendings.
    other = client.post(PAGE, application(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_sendings_older_than_an_hour_no_longer_count(client, seeded):
    for _ in range(MAX_ATTEMPTS_PER_HOUR):
        client.post(PAGE, application(name=""))
    AccreditationAttempt.objects.update(at=timezone.now() - timedelta(hours=1, minutes=1))

    assert client.post(PAGE, application()).status_code == 302


def test_the_address_is_kept_only_as_a_hash(client, seeded):
    client.post(PAGE, application(), REMOTE_ADDR="198.51.100.23")

    assert "198.51.100.23" not in AccreditationAttempt.objects.get().client


def test_an_application_is_never_shown_publicly(client, seeded):
    client.post(PAGE, application(name="Zana Uniquename"))

    for path in [
        "/en/",
        PAGE,
        "/sq/media-operations/",
        "/en/search/?q=Uniquename",
        "/en/search/?q=Dukagjini",
    ]:
        html = client.get(path).content.decode()
        # The search page repeats its query; it must find nothing of the application.
        assert "Zana Uniquename" not in html, path
        assert "AGK-2291" not in html, path
        assert "arta@example.org" not in html, path
    # The CMS's listing is for signed-in staff only.
    listing = client.get("/cms/snippets/public/accreditationapplication/")
    assert listing.status_code == 302
    assert "/cms/login/" in listing["Location"]


def test_the_office_lists_and_decides_applications_in_the_cms(client, seeded, django_user_model):
    client.post(PAGE, application(name="Zana Uniquename"))
    stored = AccreditationApplication.objects.get()
    office = django_user_model.objects.create_superuser("pao", "pao@example.org", "a long password")
    client.force_login(office)

    listing = client.get("/cms/snippets/public/accreditationapplication/")
    assert listing.status_code == 200
    assert "Zana Uniquename" in listing.content.decode()

    edit = f"/cms/snippets/public/accreditationapplication/edit/{stored.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"status": "accredited", "office_note": "card issued"})
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == AccreditationApplication.Status.ACCREDITED
    assert stored.name == "Zana Uniquename"  # the applicant's words stay as sent


def test_applications_past_their_keeping_time_are_deleted(seeded):
    today = timezone.localdate()
    common = {
        "organisation": "o",
        "role": "r",
        "nationality": "n",
        "email": "a@example.org",
        "phone": "+383 44 000 000",
        "press_card": "1",
        "purpose": "p",
        "language": "en",
        "consented_at": timezone.now(),
    }
    old_end = today - timedelta(days=RETENTION_DAYS + 1)
    AccreditationApplication.objects.create(name="old", visit_from=old_end, visit_to=old_end, **common)
    recent_end = today - timedelta(days=RETENTION_DAYS - 1)
    AccreditationApplication.objects.create(name="kept", visit_from=recent_end, visit_to=recent_end, **common)

    assert purge_expired() == 1
    assert list(AccreditationApplication.objects.values_list("name", flat=True)) == ["kept"]
