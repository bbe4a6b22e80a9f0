"""What the accreditation form takes: each form once, each person's application for the same dates once a
day, each client (an IPv6 /64 counting as one) ten sendings an hour whatever X-Forwarded-For says, and the
office a bounded number an hour from everyone together, without shutting the form for good."""

from datetime import timedelta

from django.utils import timezone

from peacekeeper.public.accreditation import MAX_APPLICATIONS_PER_HOUR, MAX_ATTEMPTS_PER_HOUR
from peacekeeper.public.models import AccreditationApplication, AccreditationAttempt
from peacekeeper.public.tests.test_accreditation import PAGE, application


def test_a_form_is_stored_once_and_sending_it_again_is_refused_in_the_visitors_language(client, seeded):
    data = application()
    assert client.post("/sq/media-operations/", data).status_code == 302

    again = client.post("/sq/media-operations/", {**data, "email": "another@example.org"})

    assert again.status_code == 400
    assert "Ky formular është dërguar një herë dhe zyra e ka atë aplikim" in again.content.decode()
    assert AccreditationApplication.objects.count() == 1


def test_a_stored_form_is_refused_for_as_long_as_it_could_be_sent(client, seeded):
    data = application()
    client.post(PAGE, application(name=""))  # a sending that stored nothing
    client.post(PAGE, data)
    AccreditationAttempt.objects.update(at=timezone.now() - timedelta(hours=3))
    client.post(PAGE, application(name=""), REMOTE_ADDR="192.0.2.9")  # a sending clears the hour's others

    again = client.post(PAGE, {**data, "email": "another@example.org"})

    assert again.status_code == 400
    assert "This form has already been sent once" in again.content.decode()
    # Only the sending that stored the application outlived the hour.
    old = AccreditationAttempt.objects.filter(at__lt=timezone.now() - timedelta(hours=1))
    assert [attempt.nonce is not None for attempt in old] == [True]


def test_the_same_application_sent_again_within_a_day_is_not_stored_twice(client, seeded):
    assert client.post(PAGE, application()).status_code == 302

    again = client.post(PAGE, application(email="ARTA@example.org"))

    assert again.status_code == 200
    assert "The office already has your application for these dates" in again.content.decode()
    assert AccreditationApplication.objects.count() == 1


def test_the_same_person_may_apply_for_other_dates_or_again_after_a_day(client, seeded):
    client.post(PAGE, application())
    first = timezone.localdate() + timedelta(days=30)

    other_dates = client.post(
        PAGE, application(visit_from=first.isoformat(), visit_to=(first + timedelta(days=1)).isoformat())
    )
    assert other_dates.status_code == 302
    AccreditationApplication.objects.update(submitted_at=timezone.now() - timedelta(hours=25))
    assert client.post(PAGE, application()).status_code == 302
    assert AccreditationApplication.objects.count() == 3


def test_addresses_of_one_ipv6_64_count_as_one_client(client, seeded):
    for host in range(1, MAX_ATTEMPTS_PER_HOUR + 1):
        client.post(PAGE, application(name=""), REMOTE_ADDR=f"2001:db8:1:2::{host:x}")

    same_network = client.post(PAGE, application(), REMOTE_ADDR="2001:db8:1:2:ffff::1")
    other_network = client.post(PAGE, application(), REMOTE_ADDR="2001:db8:1:3::1")

    assert same_network.status_code == 429
    assert other_network.status_code == 302


def test_x_forwarded_for_does_not_free_a_client_from_its_limit(client, seeded):
    for _ in range(MAX_ATTEMPTS_PER_HOUR):
        client.post(PAGE, application(name=""))

    for n in range(1, 4):
        response = client.post(PAGE, application(), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        assert response.status_code == 429
    assert not AccreditationApplication.objects.exists()


def _fill_the_office_hour(received_minutes_ago: int) -> None:
    first = timezone.localdate() + timedelta(days=10)
    AccreditationApplication.objects.bulk_create(
        AccreditationApplication(
            name=f"Applicant {n}",
            organisation="o",
            role="r",
            nationality="n",
            email=f"applicant{n}@example.org",
            phone="+383 44 000 000",
            press_card=str(n),
            visit_from=first,
            visit_to=first,
            purpose="p",
            language="en",
            consented_at=timezone.now(),
            submitted_at=timezone.now() - timedelta(minutes=received_minutes_ago),
        )
        for n in range(MAX_APPLICATIONS_PER_HOUR)
    )


def test_past_the_offices_hourly_cap_the_form_says_to_write_to_the_office(client, seeded):
    _fill_the_office_hour(received_minutes_ago=10)

    response = client.post("/sr/media-operations/", application(), REMOTE_ADDR="192.0.2.50")
    html = response.content.decode()

    assert response.status_code == 429
    assert "Kancelarija ovog sata ne može da primi više prijava preko ovog obrasca" in html
    assert "Camp Film City" in html  # the office's address, to write to
    # A place frees when the oldest of the hour's applications is an hour old: in 50 minutes.
    assert 0 < int(response["Retry-After"]) <= 50 * 60
    assert AccreditationApplication.objects.count() == MAX_APPLICATIONS_PER_HOUR


def test_the_form_takes_applications_again_once_the_hour_has_passed(client, seeded):
    _fill_the_office_hour(received_minutes_ago=61)

    response = client.post(PAGE, application(), REMOTE_ADDR="192.0.2.51")

    assert response.status_code == 302
    assert AccreditationApplication.objects.count() == MAX_APPLICATIONS_PER_HOUR + 1
