"""The audit log is read by security officers only, and of it only the entries about records they may see."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.access.audit import record_access
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db

DEU_SECRET = "NATO SECRET // DEU ONLY"
KFOR_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
CHANGELIST = "/admin/access/auditentry/"
MISSING_ID = 999_999


def a_site(name: str, marking: str) -> Site:
    place = Place.objects.create(
        name=name, kind=Place.Kind.SITE, lat=42.9, lon=20.8, scenario_key=f"test:{name}"
    )
    return Site.objects.create(place=place, name=name, kind=Site.Kind.CAMP, label=label_from_marking(marking))


def viewed(user: User, site: Site, detail: str = "page") -> AuditEntry:
    return record_access(user=user, action=AuditEntry.Action.VIEWED, record=site, detail=detail)


def staff(user: User) -> User:
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def entries(german_watchkeeper, italian_analyst) -> dict[str, AuditEntry]:
    german_camp = a_site("Camp Adler", DEU_SECRET)
    shared_camp = a_site("Camp Film City", KFOR_RESTRICTED)
    return {
        "german": viewed(german_watchkeeper, german_camp),
        "shared": viewed(italian_analyst, shared_camp, detail="sites list"),
    }


@pytest.fixture
def administrator(organisations) -> User:
    # Administrators are not superusers any more; one made by hand on the server still reads no entry.
    user = make_user("lars", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ADMIN,))
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def german_officer(organisations) -> User:
    return staff(make_user("katrin", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.SECURITY_OFFICER,)))


@pytest.fixture
def american_officer(organisations) -> User:
    return staff(make_user("casey", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.SECURITY_OFFICER,)))


def test_a_superuser_without_the_role_reads_no_entry_in_the_admin(client, entries, administrator):
    assert administrator.is_superuser
    client.force_login(administrator)
    assert client.get(CHANGELIST).status_code == 403
    hidden = client.get(f"{CHANGELIST}{entries['german'].pk}/change/")
    missing = client.get(f"{CHANGELIST}{MISSING_ID}/change/")
    assert hidden.status_code == missing.status_code == 403
    assert b"Camp Adler" not in hidden.content
    assert CHANGELIST.encode() not in client.get("/admin/").content


def test_an_american_officer_reads_no_german_only_entry_in_the_admin(client, entries, american_officer):
    client.force_login(american_officer)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [entries["shared"]]
    assert b"DEU ONLY" not in listing.content
    hidden = client.get(f"{CHANGELIST}{entries['german'].pk}/change/")
    missing = client.get(f"{CHANGELIST}{MISSING_ID}/change/")
    # Both "do not exist": the same redirect to the admin's index.
    assert (
        (hidden.status_code, hidden["Location"])
        == (missing.status_code, missing["Location"])
        == (302, "/admin/")
    )


def test_a_german_officer_reads_both_entries_in_the_admin(client, entries, german_officer):
    client.force_login(german_officer)
    listing = client.get(CHANGELIST)
    assert set(listing.context["cl"].result_list) == set(entries.values())
    detail = client.get(f"{CHANGELIST}{entries['german'].pk}/change/")
    assert detail.status_code == 200
    assert DEU_SECRET in detail.content.decode()


def test_an_entry_without_a_label_is_read_by_nobody(client, entries, german_officer):
    unlabelled = AuditEntry.objects.create(
        user=german_officer,
        action=AuditEntry.Action.VIEWED,
        record_type="theatre.site",
        record_id="1",
        marking="?",
    )
    client.force_login(german_officer)
    assert unlabelled not in client.get(CHANGELIST).context["cl"].result_list
    assert unlabelled not in [row.entry for row in client.get("/access/audit/").context["rows"]]


def test_the_audit_page_is_refused_to_readers_without_the_role(
    client, entries, administrator, italian_analyst
):
    for user in (administrator, italian_analyst):
        client.force_login(user)
        assert client.get("/access/audit/").status_code == 403
        assert b"/access/audit/" not in client.get("/theatre/sites/").content


def test_the_audit_page_lists_what_the_officer_may_see_under_its_marking(client, entries, american_officer):
    client.force_login(american_officer)
    page = client.get("/access/audit/")
    assert page.status_code == 200
    assert [row.entry for row in page.context["rows"]] == [entries["shared"]]
    assert page.context["page_marking"] == KFOR_RESTRICTED
    assert b"DEU ONLY" not in page.content
    assert b'href="/access/audit/" accesskey="i"' in page.content


def test_the_audit_page_filters_by_user_action_record_and_date(
    client, entries, german_officer, german_watchkeeper
):
    client.force_login(german_officer)

    def shown(**query) -> list[AuditEntry]:
        return [row.entry for row in client.get("/access/audit/", query).context["rows"]]

    german, shared = entries["german"], entries["shared"]
    assert shown() == [shared, german]
    assert shown(user=german_watchkeeper.username.upper()) == [german]
    assert shown(action="exported") == []
    assert shown(record_type="theatre.site", record_id=shared.record_id) == [shared]
    today = german.at.date().isoformat()
    assert shown(since=today, until=today) == [shared, german]
    assert shown(until="2000-01-01") == []
    # A value that does not validate (a hand-edited link) is left out.
    assert shown(action="nonsense") == [shared, german]
