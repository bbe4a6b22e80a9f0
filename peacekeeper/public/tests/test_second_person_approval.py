"""A page reaches the public only when a second person approves it: nobody publishes what they wrote, nobody
approves their own submission, superusers neither; an approver still retracts a page alone; both names are
in the audit log. Through the CMS's own views, with the form the editor page renders."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry, Revision, TaskState
from wagtail.test.utils.form_data import querydict_from_html, rich_text
from wagtail_localize.models import Translation, TranslationSource

from peacekeeper.public.approval import (
    changes_while_approving_refused,
    publishing_refused,
    self_approval_refused,
)
from peacekeeper.public.models import MediaOperationsPage, NewsPage
from peacekeeper.public.seeding import APPROVERS, EDITORS

SHIPPED_TITLE = "Media operations"


def _member(name: str, group: str) -> User:
    user = User.objects.create_user(name, password=f"{name}-pass-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def cast(seeded) -> dict[str, User]:
    return {
        "edna": _member("edna", EDITORS),
        "arben": _member("arben", APPROVERS),
        "besa": _member("besa", APPROVERS),
        "boss": User.objects.create_superuser("boss", password="boss-pass-123"),
    }


@pytest.fixture
def page() -> MediaOperationsPage:
    return MediaOperationsPage.objects.get(locale__language_code="en")


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _post_edit(client, user: User, page, title: str, **action):
    """The editor page's own form, as the CMS rendered it for this user, with a new title and an action."""
    client.force_login(user)
    form = querydict_from_html(client.get(_edit_url(page)).content.decode(), form_id="page-edit-form")
    form["title"] = title
    form.update(action)
    return client.post(_edit_url(page), form)


def _submit(client, user: User, page, title: str):
    response = _post_edit(client, user, page, title, **{"action-submit": "Submit"})
    assert response.status_code == 302
    return MediaOperationsPage.objects.get(pk=page.pk).current_workflow_task_state


def _approve(client, user: User, page, task_state):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def _messages(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def _live_title(page) -> str:
    return MediaOperationsPage.objects.get(pk=page.pk).title


@pytest.mark.parametrize("who", ["arben", "boss"])
def test_an_approver_or_a_superuser_cannot_publish_what_they_wrote(client, cast, page, who):
    response = _post_edit(client, cast[who], page, "Written and published alone", **{"action-publish": "1"})

    assert response.status_code == 302
    assert publishing_refused() in _messages(response)
    assert _live_title(page) == SHIPPED_TITLE
    # The form was valid and its changes are kept, as a draft.
    draft = MediaOperationsPage.objects.get(pk=page.pk).get_latest_revision()
    assert draft.user == cast[who]
    assert draft.as_object().title == "Written and published alone"


def test_a_new_page_cannot_be_published_by_its_author(client, cast):
    news_index = NewsPage.objects.filter(locale__language_code="en").first().get_parent()
    url = reverse("wagtailadmin_pages:add", args=["public", "newspage", news_index.pk])
    client.force_login(cast["arben"])
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    form.update(
        {
            "title": "A new item published alone",
            "slug": "a-new-item-published-alone",
            "place": "Zvečan",
            "body": rich_text("<p>Written and published by one person.</p>"),
            "action-publish": "1",
        }
    )

    response = client.post(url, form)

    assert publishing_refused() in _messages(response)
    assert not NewsPage.objects.filter(slug="a-new-item-published-alone").exists()
    # The same form, saved as a draft, is valid: the refusal was the publishing.
    del form["action-publish"]
    client.post(url, form)
    assert not NewsPage.objects.get(slug="a-new-item-published-alone").live


def test_the_editor_page_offers_no_publish_button(client, cast, page):
    client.force_login(cast["arben"])

    html = client.get(_edit_url(page)).content.decode()

    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_an_approver_cannot_approve_their_own_submission(client, cast, page):
    task_state = _submit(client, cast["arben"], page, "Submitted and approved alone")

    assert task_state not in TaskState.objects.reviewable_by(cast["arben"])
    assert task_state in TaskState.objects.reviewable_by(cast["besa"])

    response = _approve(client, cast["arben"], page, task_state)

    assert response.status_code == 302
    assert _live_title(page) == SHIPPED_TITLE
    assert MediaOperationsPage.objects.get(pk=page.pk).workflow_in_progress
    # Nor from the editor page's "Approve and Publish".
    response = _post_edit(
        client,
        cast["arben"],
        page,
        "Submitted and approved alone",
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    assert self_approval_refused() in _messages(response)
    assert _live_title(page) == SHIPPED_TITLE


def test_an_approver_who_changes_the_page_during_its_review_cannot_approve_it(client, cast, page):
    _submit(client, cast["edna"], page, "Media and press")
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}

    response = _post_edit(client, cast["arben"], page, "Media and press, as the approver sees it", **approve)

    assert changes_while_approving_refused() in _messages(response)
    assert _live_title(page) == SHIPPED_TITLE
    assert not Revision.objects.filter(object_id=str(page.pk), user=cast["arben"]).exists()
    # Saved as a draft first, the change still makes him one of its authors.
    task_state = MediaOperationsPage.objects.get(pk=page.pk).current_workflow_task_state
    assert task_state in TaskState.objects.reviewable_by(cast["arben"])
    _post_edit(client, cast["arben"], page, "Media and press, as the approver sees it")
    assert task_state not in TaskState.objects.reviewable_by(cast["arben"])
    response = _post_edit(client, cast["arben"], page, "Media and press, as the approver sees it", **approve)
    assert self_approval_refused() in _messages(response)
    assert _live_title(page) == SHIPPED_TITLE
    # Another approver, who wrote none of it, may.
    task_state = MediaOperationsPage.objects.get(pk=page.pk).current_workflow_task_state
    _approve(client, cast["besa"], page, task_state)
    assert _live_title(page) == "Media and press, as the approver sees it"


def test_an_editors_submission_approved_by_an_approver_goes_live_and_both_are_in_the_audit_log(
    client, cast, page
):
    task_state = _submit(client, cast["edna"], page, "Media and press")
    assert _live_title(page) == SHIPPED_TITLE

    response = _approve(client, cast["arben"], page, task_state)

    assert response.status_code == 302
    live = MediaOperationsPage.objects.get(pk=page.pk)
    assert live.title == "Media and press"
    assert live.live_revision.user == cast["edna"]
    assert not live.workflow_in_progress
    log = {
        (entry.action, entry.user.username)
        for entry in PageLogEntry.objects.filter(page=page, user__isnull=False)
    }
    assert ("wagtail.workflow.start", "edna") in log
    assert ("wagtail.workflow.approve", "arben") in log
    assert ("wagtail.publish", "arben") in log


def test_an_approved_page_with_a_go_live_time_is_published_at_that_time(client, cast, page):
    client.force_login(cast["edna"])
    go_live = timezone.now() + timedelta(hours=2)
    form = querydict_from_html(client.get(_edit_url(page)).content.decode(), form_id="page-edit-form")
    form.update(
        {"title": "Embargoed", "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"), "action-submit": "1"}
    )
    client.post(_edit_url(page), form)
    task_state = MediaOperationsPage.objects.get(pk=page.pk).current_workflow_task_state

    _approve(client, cast["arben"], page, task_state)

    assert _live_title(page) == SHIPPED_TITLE  # embargoed until its time
    assert Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    assert _live_title(page) == "Embargoed"


def test_an_approver_retracts_a_page_alone(client, cast):
    news = NewsPage.objects.filter(locale__language_code="en").live().first()
    client.force_login(cast["arben"])

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[news.pk]))

    assert response.status_code == 302
    assert not NewsPage.objects.get(pk=news.pk).live
    assert PageLogEntry.objects.filter(page=news, action="wagtail.unpublish", user=cast["arben"]).exists()


def test_publishing_many_pages_at_once_is_refused(client, cast):
    news = NewsPage.objects.filter(locale__language_code="en").live().first()
    news.title = "A draft nobody approved"
    news.save_revision(user=cast["boss"])
    client.force_login(cast["boss"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = client.post(f"{url}?id={news.pk}", {"include_descendants": ""})

    assert publishing_refused() in _messages(response)
    assert NewsPage.objects.get(pk=news.pk).title != "A draft nobody approved"


def test_a_copy_cannot_be_published_at_once(client, cast):
    news = NewsPage.objects.filter(locale__language_code="en").live().first()
    client.force_login(cast["boss"])

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[news.pk]),
        {
            "new_title": "A copy nobody approved",
            "new_slug": "a-copy-nobody-approved",
            "new_parent_page": news.get_parent().pk,
            "publish_copies": "on",
        },
    )

    assert publishing_refused() in _messages(response)
    assert not NewsPage.objects.filter(title="A copy nobody approved").exists()


def test_a_synced_translation_is_not_published_from_wagtail_localizes_editor(
    client, cast, page, django_capture_on_commit_callbacks
):
    albanian = page.get_translation(Locale.objects.get(language_code="sq"))
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=albanian.locale, enabled=True)
    revisions = albanian.revisions.count()
    client.force_login(cast["boss"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(albanian), {"action": "publish"})

    assert publishing_refused() in _messages(response)
    assert albanian.revisions.count() == revisions
    assert MediaOperationsPage.objects.get(pk=albanian.pk).live_revision == albanian.live_revision
