"""The navigation and the log offer "New report" and the ACLED import only to users whose role writes
records: a partner or a security officer is not shown an action the log would refuse."""

import pytest

from peacekeeper.access import policy
from peacekeeper.access.services import create_demo_users

pytestmark = pytest.mark.django_db

WRITERS = {"watchkeeper", "analyst", "planner", "liaison", "pressofficer", "admin"}
READERS = {"eulex", "security"}


@pytest.mark.parametrize("username", sorted(WRITERS | READERS))
def test_new_report_and_import_are_offered_only_to_those_who_may_log(theatre, client, username):
    from django.contrib.auth.models import User

    create_demo_users()
    user = User.objects.get(username=username)
    assert policy.can_edit(user) == (username in WRITERS)
    client.force_login(user)

    log = client.get("/log/").content.decode()
    about = client.get("/theatre/about/").content.decode()
    form = client.get("/log/new/")

    offered = username in WRITERS
    assert ('href="/log/new/"' in log) == offered
    assert ('href="/log/new/"' in about) == offered
    assert ('href="/log/import/"' in log) == offered
    assert ("new report" in log.lower()) == offered
    if not offered:  # the address typed by hand: back to the log, saying why
        assert (form.status_code, form["Location"]) == (302, "/log/")
