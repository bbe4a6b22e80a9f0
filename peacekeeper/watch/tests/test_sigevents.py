"""A report matching a CCIR is a SIGEVENT at once: on entry, on import, on validation; one alert per
report and CCIR however often it is matched; the flag shows on the log and the report page."""

from django.test import Client

from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import Status
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition
from peacekeeper.watch.ccirs import load_ccirs
from peacekeeper.watch.matching import match_reports
from peacekeeper.watch.models import Alert, Ccir

JARINJE = (43.2172, 20.6935)


def alerts_of(report) -> set[str]:
    return set(Alert.objects.filter(report=report).values_list("ccir__key", flat=True))


def test_the_scenario_ships_the_four_example_ccirs_and_loading_twice_changes_nothing(theatre):
    load_ccirs(name="kosovo")
    load_ccirs(name="kosovo")
    assert set(Ccir.objects.values_list("key", flat=True)) == {
        "ccir:fatality",
        "ccir:crossing-north",
        "ccir:attack-on-kfor",
        "ccir:demonstration-500",
    }


def test_a_fatality_logged_is_flagged_on_entry(ccirs, german_watchkeeper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event(killed_civilians=1))
    assert alerts_of(report) == {"ccir:fatality"}
    alert = Alert.objects.get(report=report)
    assert alert.label_id == report.label_id
    assert alert.announced
    assert alert.acknowledged_at is None


def test_a_report_matching_nothing_raises_nothing(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event())
    assert alerts_of(report) == set()


def test_an_incident_at_jarinje_matches_two_ccirs(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(
            user=german_watchkeeper,
            data=an_event(lat=JARINJE[0], lon=JARINJE[1], location_name="Jarinje", killed_police=1),
        )
    assert report.area.code == "XK-MUN-LEPOSAVIC"
    assert alerts_of(report) == {"ccir:fatality", "ccir:crossing-north"}


def test_reports_imported_in_bulk_are_flagged(ccirs, german_watchkeeper, django_capture_on_commit_callbacks):
    items = [
        an_event(source_id="a-1", category="force.attack", actor2="KFOR: Kosovo Force"),
        an_event(source_id="a-2", category="civil.demonstration", salute_size="about 2000 protesters"),
        an_event(source_id="a-3"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        ingest(
            items=items,
            source_system="acled",
            default_marking="NATO UNCLASSIFIED // REL TO KFOR",
            user=german_watchkeeper,
        )
    by_source = {a.report.source_id: a.ccir.key for a in Alert.objects.select_related("report", "ccir")}
    assert by_source == {"a-1": "ccir:attack-on-kfor", "a-2": "ccir:demonstration-500"}


def test_validation_matches_a_ccir_added_after_entry(
    theatre, german_watchkeeper, italian_analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event(killed_force=1), submit=True)
    assert alerts_of(report) == set()  # no CCIR yet
    load_ccirs(name="kosovo")  # the seed loader matches nothing by itself
    with django_capture_on_commit_callbacks(execute=True):
        transition(user=italian_analyst, event=report, name="validate")
    assert alerts_of(report) == {"ccir:fatality"}


def test_a_correction_that_adds_a_death_flags_the_report(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event())
        update_report(user=german_watchkeeper, event=report, changes={"killed_other": 1})
    assert alerts_of(report) == {"ccir:fatality"}


def test_a_report_matched_again_raises_one_alert_per_ccir(
    ccirs, german_watchkeeper, italian_analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event(killed_civilians=3), submit=True)
        transition(user=italian_analyst, event=report, name="validate")
    match_reports([report.pk])
    match_reports(None)
    assert Alert.objects.filter(report=report).count() == 1


def test_a_rejected_report_raises_nothing(ccirs, german_watchkeeper, italian_analyst):
    report = create_report(user=german_watchkeeper, data=an_event(killed_civilians=1), submit=True)
    transition(user=italian_analyst, event=report, name="reject", reason="duplicate of another")
    assert report.status == Status.REJECTED
    match_reports([report.pk])
    assert alerts_of(report) == set()


def test_an_old_record_is_flagged_without_a_banner(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(
            user=german_watchkeeper,
            data=an_event(killed_civilians=1, occurred_at=timezone.now() - timedelta(days=30)),
        )
    alert = Alert.objects.get(report=report)
    assert not alert.announced


def test_the_alert_follows_its_report_when_relabelled(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(user=german_watchkeeper, data=an_event(killed_civilians=1))
        update_report(
            user=german_watchkeeper, event=report, changes={"marking": "NATO RESTRICTED // REL TO KFOR"}
        )
    report.refresh_from_db()
    assert Alert.objects.get(report=report).label_id == report.label_id


def test_the_log_and_the_report_page_show_the_sigevent_flag(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        flagged = create_report(
            user=german_watchkeeper, data=an_event(killed_civilians=1, location_name="Flagged")
        )
        create_report(user=german_watchkeeper, data=an_event(location_name="Quiet"))
    client = Client()
    client.force_login(german_watchkeeper)
    log = client.get("/log/").content.decode()
    assert log.count('data-testid="mark"') == 1
    assert "Significant event: matches Any fatality" in log
    page = client.get(f"/log/{flagged.pk}/").content.decode()
    assert 'data-testid="sigevent-section"' in page
    assert "Any fatality" in page
    assert "Alert open: not acknowledged yet." in page
