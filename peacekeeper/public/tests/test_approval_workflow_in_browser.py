"""An editor's change reaches the public only once a second person, an approver, has approved it."""

import pytest
from django.contrib.auth.models import Group, User

from peacekeeper.public.models import MediaOperationsPage
from peacekeeper.public.seeding import APPROVERS, EDITORS, WORKFLOW, seed_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(name: str, group: str) -> None:
    user = User.objects.create_user(name, password=f"{name}-pass-123")
    user.groups.add(Group.objects.get(name=group))


def _log_in(chromium, base_url: str, username: str):
    page = chromium.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.goto(base_url + "/cms/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/cms/")
    return page


def test_an_editors_change_is_published_when_an_approver_approves_it(public_server, chromium):
    seed_public_site()
    _user("edna", EDITORS)
    _user("arben", APPROVERS)
    page_id = MediaOperationsPage.objects.get(locale__language_code="en").pk
    public = chromium.new_context().new_page()

    editor = _log_in(chromium, public_server, "edna")
    editor.goto(f"{public_server}/cms/pages/{page_id}/edit/")
    assert editor.get_by_role("button", name="Publish").count() == 0  # an editor cannot publish
    editor.fill("#id_title", "Media and press")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=f"Submit to {WORKFLOW}").click()
    editor.wait_for_url(f"{public_server}/cms/pages/*/")

    public.goto(public_server + "/en/media-operations/")
    assert public.locator("h1").inner_text() == "Media operations"  # not yet approved

    approver = _log_in(chromium, public_server, "arben")
    approver.goto(f"{public_server}/cms/pages/{page_id}/edit/")
    approver.get_by_role("button", name="More actions").click()
    approver.get_by_role("button", name="Approve and Publish", exact=True).click()
    approver.wait_for_url(f"{public_server}/cms/pages/*/")
    approver.screenshot(path="var/screenshots/public-approved.png")

    public.goto(public_server + "/en/media-operations/")
    assert public.locator("h1").inner_text() == "Media and press"
    live = MediaOperationsPage.objects.get(pk=page_id)
    assert live.live_revision.user.username == "edna"
    assert not live.workflow_in_progress
