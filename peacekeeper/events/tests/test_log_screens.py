"""The log screens through Django's test client: the real HTML forms, filled in and submitted."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from peacekeeper.access.models import AuditEntry
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import ZVECAN, an_event
from peacekeeper.events.workflow import transition
from peacekeeper.theatre.dtg import format_dtg

pytestmark = pytest.mark.django_db

ZVECAN_GRID = "34TDN8696150555"
PRISTINA_GRID = "34TEN1356323395"
NATIONAL = "NATO RESTRICTED // DEU ONLY"
SCRIPT = "<script>alert(1)</script>"


class _FormReader(HTMLParser):
    """The fields of one <form> as a browser would submit them untouched."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") not in {"submit", "button"}:
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields[a["name"]] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "select":
            self._select = a["name"]
            self.fields.setdefault(a["name"], None)
        elif tag == "option" and self._select:
            if self.fields[self._select] is None or "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data.lstrip("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_of(response, form_id: str = "report-form") -> dict:
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.fields, f"no form #{form_id} on the page"
    return reader.fields


def two_hours_ago() -> str:
    return format_dtg(timezone.now() - timedelta(hours=2))


def log_through_form(client, user, **typed) -> object:
    client.force_login(user)
    fields = form_of(client.get(reverse("events:new")))
    fields.update({"dtg": two_hours_ago(), "mgrs": ZVECAN_GRID, "category": "fom.roadblock"})
    fields.update(typed)
    return client.post(reverse("events:new"), {**fields, "submit": "1"})


def test_the_form_starts_at_the_dtg_with_the_default_release(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    page = client.get(reverse("events:new")).content.decode()
    assert "autofocus" in re.search(r'<input[^>]*name="dtg"[^>]*>', page).group()
    assert form_of(client.get(reverse("events:new")))["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"
    assert "Ctrl</kbd>+<kbd>Enter</kbd>" in page
    assert '<optgroup label="Peace support">' in page
    assert page.index("Peace support") < page.index("ACLED · Battles")


def test_a_watchkeeper_logs_a_report_with_a_dtg_and_a_grid(client, theatre, german_watchkeeper):
    dtg = two_hours_ago()
    response = log_through_form(
        client, german_watchkeeper, dtg=dtg, narrative="Barricade of two trucks", killed_police="1"
    )
    event = EventReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[event.pk])
    assert event.area.name_en == "Zvečan"
    assert format_dtg(event.occurred_at) == dtg
    assert event.status == Status.SUBMITTED
    assert event.killed_police == 1
    assert event.author == german_watchkeeper
    detail = client.get(response.url).content.decode()
    assert f"Report {event.pk} submitted for validation." in detail


def test_save_draft_keeps_it_a_draft(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    fields = form_of(client.get(reverse("events:new")))
    fields.update({"dtg": "now", "mgrs": ZVECAN_GRID, "category": "civil.demonstration", "draft": "1"})
    client.post(reverse("events:new"), fields)
    assert EventReport.objects.get().status == Status.DRAFT


def test_a_bad_dtg_and_grid_are_named_at_their_fields_and_nothing_is_stored(
    client, theatre, german_watchkeeper
):
    response = log_through_form(
        client, german_watchkeeper, dtg="321430ZNOV26", mgrs="34TXX12", narrative="Keep me"
    )
    assert response.status_code == 200
    assert EventReport.objects.count() == 0
    page = response.content.decode()
    dtg_slot = page.split('id="dtg-msg"')[1].split("</span>\n", 1)[0]
    assert "day 32" in dtg_slot or "does not exist" in dtg_slot
    location_slot = page.split('id="location-msg"')[1].split("</span>\n", 1)[0]
    assert "MGRS" in location_slot
    again = form_of(response)
    assert again["narrative"] == "Keep me"
    assert again["dtg"] == "321430ZNOV26"
    assert again["category"] == "fom.roadblock"


def test_a_point_outside_the_theatre_asks_for_confirmation(client, theatre, german_watchkeeper):
    belgrade = {"mgrs": "", "lat": "44.8125", "lon": "20.4612"}
    response = log_through_form(client, german_watchkeeper, **belgrade)
    assert EventReport.objects.count() == 0
    assert 'name="allow_outside_theatre"' in response.content.decode()
    assert "outside the theatre" in response.content.decode()
    log_through_form(client, german_watchkeeper, **belgrade, allow_outside_theatre="on")
    assert EventReport.objects.get().outside_theatre


def test_the_dtg_and_grid_are_checked_field_by_field(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    bad = client.post(reverse("events:check_dtg"), {"dtg": "291430ZNOX26"}).content.decode()
    assert "unknown month" in bad
    assert "error" in bad
    good = client.post(reverse("events:check_dtg"), {"dtg": two_hours_ago()}).content.decode()
    assert "UTC" in good
    assert "ok" in good
    future = format_dtg(timezone.now() + timedelta(days=2))
    assert "in the future" in client.post(reverse("events:check_dtg"), {"dtg": future}).content.decode()
    grid = client.post(reverse("events:check_location"), {"mgrs": ZVECAN_GRID}).content.decode()
    assert "Zvečan municipality" in grid
    assert "data-lat" in grid
    wrong = client.post(reverse("events:check_location"), {"mgrs": "34TDN890"}).content.decode()
    assert "digits" in wrong
    outside = client.post(reverse("events:check_location"), {"lat": "44.8", "lon": "20.46"}).content.decode()
    assert "outside the theatre" in outside
    assert 'hx-swap-oob="true"' in outside


def test_a_partner_cannot_open_the_form(client, theatre, eulex_partner):
    client.force_login(eulex_partner)
    response = client.get(reverse("events:new"), follow=True)
    assert "does not allow logging reports" in response.content.decode()


def test_a_national_only_report_is_seen_by_nationals_only(
    client, theatre, german_watchkeeper, italian_analyst, eulex_partner
):
    log_through_form(client, german_watchkeeper, marking=NATIONAL, narrative="German eyes only")
    event = EventReport.objects.get()
    assert event.label.marking == NATIONAL
    detail = reverse("events:detail", args=[event.pk])

    assert "German eyes only" in client.get(reverse("events:list")).content.decode()
    assert client.get(detail).status_code == 200
    assert AuditEntry.objects.filter(
        user=german_watchkeeper, action=AuditEntry.Action.VIEWED, record_id=str(event.pk), detail="page"
    ).exists()

    for outsider in (italian_analyst, eulex_partner):
        client.force_login(outsider)
        assert "German eyes only" not in client.get(reverse("events:list")).content.decode()
        assert client.get(detail).status_code == 404
        assert client.get(reverse("events:edit", args=[event.pk])).status_code == 404
        poll = client.get(reverse("events:poll"), {"after": 0})
        assert poll.status_code == 204
        assert (
            client.post(reverse("events:transition", args=[event.pk]), {"transition": "validate"}).status_code
            == 404
        )


def test_the_poll_returns_only_reports_logged_since(client, theatre, german_watchkeeper):
    old = create_report(user=german_watchkeeper, data=an_event(narrative="Already shown"))
    new = create_report(user=german_watchkeeper, data=an_event(narrative="Just logged"))
    client.force_login(german_watchkeeper)
    response = client.get(reverse("events:poll"), {"after": old.pk})
    page = response.content.decode()
    assert "Just logged" in page
    assert "Already shown" not in page
    assert 'class="row-draft fresh"' in page
    assert f"after={new.pk}" in page
    assert client.get(reverse("events:poll"), {"after": new.pk}).status_code == 204
    filtered = client.get(reverse("events:poll"), {"after": old.pk, "category": "civil.demonstration"})
    assert filtered.status_code == 204


def test_an_analyst_validates_with_the_button_and_the_author_has_none(
    client, theatre, german_watchkeeper, italian_analyst
):
    log_through_form(client, german_watchkeeper)
    event = EventReport.objects.get()
    detail = reverse("events:detail", args=[event.pk])
    assert 'data-transition="validate"' not in client.get(detail).content.decode()

    client.force_login(italian_analyst)
    page = client.get(detail).content.decode()
    assert 'data-transition="validate"' in page
    response = client.post(
        reverse("events:transition", args=[event.pk]), {"transition": "validate"}, follow=True
    )
    assert f"Report {event.pk} validated." in response.content.decode()
    event.refresh_from_db()
    assert event.status == Status.VALIDATED
    assert event.validated_by == italian_analyst
    assert "Validated by</dt><dd>Giulia" in response.content.decode()


def test_the_author_is_told_why_validating_is_refused(client, theatre, italian_analyst):
    event = create_report(user=italian_analyst, data=an_event(), submit=True)
    client.force_login(italian_analyst)
    response = client.post(
        reverse("events:transition", args=[event.pk]), {"transition": "validate"}, follow=True
    )
    assert "not its author" in response.content.decode()
    assert EventReport.objects.get().status == Status.SUBMITTED


def test_a_rejection_asks_for_a_reason(client, theatre, german_watchkeeper, italian_analyst):
    event = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    client.force_login(italian_analyst)
    url = reverse("events:transition", args=[event.pk])
    assert "needs a reason" in client.post(url, {"transition": "reject"}, follow=True).content.decode()
    client.post(url, {"transition": "reject", "reason": "Duplicate"})
    event.refresh_from_db()
    assert event.status == Status.REJECTED
    assert "Duplicate" in client.get(reverse("events:detail", args=[event.pk])).content.decode()


def test_a_correction_needs_a_reason(client, theatre, german_watchkeeper, italian_analyst):
    event = create_report(user=german_watchkeeper, data=an_event(narrative="Forty persons"), submit=True)
    transition(user=italian_analyst, event=event, name="validate")
    client.force_login(german_watchkeeper)
    edit = reverse("events:edit", args=[event.pk])
    fields = form_of(client.get(edit))
    assert fields["dtg"] == format_dtg(event.occurred_at)

    fields["narrative"] = "Sixty persons"
    refused = client.post(edit, fields)
    assert "needs a reason" in refused.content.decode()
    event.refresh_from_db()
    assert (event.narrative, event.version) == ("Forty persons", 1)

    fields["reason"] = "Patrol recounted"
    client.post(edit, fields)
    event.refresh_from_db()
    assert (event.narrative, event.version, event.status) == ("Sixty persons", 2, Status.SUBMITTED)
    assert (event.lat, event.lon) == ZVECAN, "an untouched grid must not move the point"
    history = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Forty persons → Sixty persons" in history
    assert "Patrol recounted" in history


def test_editing_a_draft_keeps_its_position_and_time(client, theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event())
    client.force_login(german_watchkeeper)
    edit = reverse("events:edit", args=[event.pk])
    fields = form_of(client.get(edit))
    fields["severity"] = "4"
    client.post(edit, fields)
    changed = EventReport.objects.get()
    assert changed.severity == 4
    assert (changed.lat, changed.lon, changed.occurred_at) == (event.lat, event.lon, event.occurred_at)
    assert list(changed.changes.last().fields) == ["severity"]


def test_filters_narrow_the_list(client, theatre, german_watchkeeper):
    create_report(user=german_watchkeeper, data=an_event(narrative="Roadblock north"))
    create_report(
        user=german_watchkeeper,
        data=an_event(
            narrative="Crowd in the capital",
            lat=42.6629,
            lon=21.1655,
            category="civil.demonstration",
            severity=5,
        ),
    )
    create_report(
        user=german_watchkeeper,
        data=an_event(narrative="Last month", occurred_at=timezone.now() - timedelta(days=20)),
    )
    client.force_login(german_watchkeeper)

    def shown(**params) -> set[str]:
        page = client.get(reverse("events:list"), params).content.decode()
        return {text for text in ("Roadblock north", "Crowd in the capital", "Last month") if text in page}

    assert shown() == {"Roadblock north", "Crowd in the capital", "Last month"}
    assert shown(window="7d") == {"Roadblock north", "Crowd in the capital"}
    assert shown(area="XK-MUN-PRISTINA") == {"Crowd in the capital"}
    assert shown(category="civil.demonstration") == {"Crowd in the capital"}
    assert shown(min_severity="5") == {"Crowd in the capital"}
    assert shown(q="roadblock") == {"Roadblock north"}
    assert shown(status="submitted") == set()
    assert shown(since=(timezone.now() - timedelta(days=25)).date().isoformat(), window="24h") == {
        "Roadblock north",
        "Crowd in the capital",
        "Last month",
    }


def test_exercise_data_is_tagged_and_can_be_left_out(client, theatre, german_watchkeeper):
    create_report(user=german_watchkeeper, data=an_event(narrative="Synthetic inject", exercise=True))
    client.force_login(german_watchkeeper)
    page = client.get(reverse("events:list")).content.decode()
    assert "Synthetic inject" in page
    assert "EXERCISE" in page
    assert "Synthetic inject" not in client.get(reverse("events:list"), {"exercise": "no"}).content.decode()


def test_a_report_without_an_author_is_shown(client, theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(narrative="Imported"))
    EventReport.objects.filter(pk=event.pk).update(author=None)
    event.changes.update(user=None)
    client.force_login(german_watchkeeper)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Author</dt><dd>—" in page
    assert "by the system" in page


def test_the_list_pages_without_counting(client, theatre, german_watchkeeper):
    for number in range(51):
        create_report(
            user=german_watchkeeper,
            data=an_event(
                narrative=f"Report number {number:02d}",
                occurred_at=timezone.now() - timedelta(minutes=number + 1),
            ),
        )
    client.force_login(german_watchkeeper)
    first = client.get(reverse("events:list")).content.decode()
    assert "Report number 00" in first
    assert "Report number 50" not in first
    assert "page=2" in first
    assert "Next page" in first
    second = client.get(reverse("events:list"), {"page": 2}).content.decode()
    assert "Report number 50" in second
    assert "Report number 00" not in second
    assert "Next page" not in second
    assert "Previous page" in second


def test_the_list_banner_shows_the_highest_marking(client, theatre, german_watchkeeper):
    create_report(user=german_watchkeeper, data=an_event(marking="NATO UNCLASSIFIED // REL TO KFOR"))
    create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // REL TO KFOR"))
    client.force_login(german_watchkeeper)
    page = client.get(reverse("events:list")).content.decode()
    top = page.split('data-testid="banner-top">')[1].split("<")[0]
    assert top == "NATO RESTRICTED // REL TO KFOR"
    assert "banner-nato-restricted" in page
    partial = client.get(
        reverse("events:list"),
        {"category": "battles.armed_clash"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="log-results",
    ).content.decode()
    assert "<html" not in partial
    assert "NO RECORDS SHOWN" in partial
    assert 'hx-swap-oob="outerHTML:[data-testid=banner-top]"' in partial


def test_a_script_in_the_narrative_is_shown_as_text(client, theatre, german_watchkeeper):
    log_through_form(client, german_watchkeeper, narrative=SCRIPT, location_name=SCRIPT, actor1=SCRIPT)
    event = EventReport.objects.get()
    for url in (
        reverse("events:list"),
        reverse("events:detail", args=[event.pk]),
        reverse("events:poll") + "?after=0",
    ):
        page = client.get(url).content.decode()
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_analyst_links_a_duplicate_and_undoes_it(client, theatre, german_watchkeeper, italian_analyst):
    first = create_report(user=german_watchkeeper, data=an_event(narrative="First sighting"), submit=True)
    second = create_report(user=german_watchkeeper, data=an_event(narrative="Second sighting"), submit=True)
    client.force_login(german_watchkeeper)
    assert (
        "Link into one incident" not in client.get(reverse("events:detail", args=[first.pk])).content.decode()
    )

    client.force_login(italian_analyst)
    page = client.get(reverse("events:detail", args=[first.pk])).content.decode()
    assert "Link into one incident" in page
    client.post(reverse("events:link", args=[first.pk]), {"other": second.pk})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.incident_id
    assert first.incident_id == second.incident_id
    page = client.get(reverse("events:detail", args=[first.pk])).content.decode()
    assert "Undo link" in page
    assert f"{second.pk} · Roadblock or barricade" in page

    link = second.incident_links.get()
    client.post(reverse("events:undo_link", args=[link.pk]), {"back": first.pk})
    second.refresh_from_db()
    assert second.incident_id is None
