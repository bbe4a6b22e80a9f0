"""Approval by a second person, enforced: nobody publishes a page revision they wrote, nobody approves a
review they asked for or wrote part of, superusers included.

A page goes live in the CMS only when an approver who is not its author approves its review
(`SecondPersonApprovalTask`): the CMS's own "Publish" (the edit and create views, bulk publish, a copy or
alias published at once, wagtail-localize's publish of a synced translation) is refused with a message
(`wagtail_hooks.py` registers the hooks). Scheduled publishing publishes a revision that was approved
(Wagtail's `publish_scheduled`, no user), and retraction stays one approver's act: unpublishing publishes
nothing, so none of this stands in its way.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import GroupApprovalTask, Page, PageSubscription, Revision, TaskState, WorkflowState


def publishing_refused() -> str:
    return _(
        "Publishing needs the approval of a second person: submit the page for approval, and an approver "
        "who did not write it will publish it."
    )


def self_approval_refused() -> str:
    return _(
        "You submitted this page for approval or changed it during its review: another approver must "
        "approve it."
    )


def changes_while_approving_refused() -> str:
    return _(
        "You changed the page while approving it, and an approver approves only what someone else wrote: "
        "save your changes as a draft, and another approver must approve them."
    )


def took_part_in(workflow_state: WorkflowState, user) -> bool:
    """Whether the user asked for this review or wrote a revision of the page since it was asked for."""
    if workflow_state.requested_by_id == user.pk:
        return True
    return Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id,
        object_id=workflow_state.object_id,
        created_at__gte=workflow_state.created_at,
        user_id=user.pk,
    ).exists()


class SecondPersonApprovalTask(GroupApprovalTask):
    """Wagtail's group approval, where a member of the groups may not approve a review they took part in.

    A proxy: the same table and groups as a `GroupApprovalTask`; its content type says which class Wagtail
    loads (seeding.py turns the shipped task into one)."""

    class Meta:
        proxy = True
        verbose_name = "Approval by a second person"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.pk:
            # Task records its own model's content type, which for a proxy is the concrete model's.
            self.content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        actions = super().get_actions(obj, user)
        workflow_state = obj.current_workflow_state
        if workflow_state and took_part_in(workflow_state, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state: TaskState, user, action_name: str, **kwargs):
        # Checked again here: the edit view saves the approver's own changes before it approves.
        if action_name == "approve" and took_part_in(task_state.workflow_state, user):
            raise PermissionDenied(self_approval_refused())
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dashboard's "Awaiting your review" lists only what this user may approve (took_part_in).
        revisions_by_the_user = Revision.objects.filter(
            base_content_type_id=OuterRef("workflow_state__base_content_type_id"),
            object_id=OuterRef("workflow_state__object_id"),
            created_at__gte=OuterRef("workflow_state__created_at"),
            user_id=user.pk,
        )
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
            .exclude(Exists(revisions_by_the_user))
        )


def _refuse(request: HttpRequest, message: str, page: Page) -> HttpResponse:
    messages.error(request, message)
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def refuse_publishing_a_new_page(request: HttpRequest, parent: Page, page_class) -> HttpResponse | None:
    """before_create_page: before anything is stored, since the create view's publish adds the page live
    before its before_publish_page hook runs."""
    if request.method == "POST" and "action-publish" in request.POST:
        messages.error(request, publishing_refused())
        return redirect(request.get_full_path())
    return None


def refuse_own_publication(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_publish_page (the edit view): it has just saved the user's revision, which stays a draft."""
    revision = page.get_latest_revision()
    if revision is None or revision.user_id == request.user.pk:
        return _refuse(request, publishing_refused(), page)
    return None


def refuse_publishing_from_the_editor(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_edit_page, run before wagtail-localize's, which takes over the editor of a synced translation
    and publishes it at once (`action=publish`, no draft, no review); and an approval by someone who took
    part in the review or changes the page as they approve, said plainly (the task refuses it too)."""
    if request.method != "POST":
        return None
    if request.POST.get("action") == "publish":
        return _refuse(request, publishing_refused(), page)
    workflow_state = page.current_workflow_state
    if not (
        workflow_state
        and "action-workflow-action" in request.POST
        and request.POST.get("workflow-action-name") == "approve"
    ):
        return None
    if took_part_in(workflow_state, request.user):
        return _refuse(request, self_approval_refused(), page)
    if _changes(request, page):
        # The editor would save these changes as the approver's revision, then approve it.
        return _refuse(request, changes_while_approving_refused(), page)
    return None


def _changes(request: HttpRequest, page: Page) -> bool:
    """Whether the posted editor form changes the page: the edit view's own test (`form.has_changed()`)."""
    subscription = PageSubscription.objects.filter(page=page, user=request.user).first() or PageSubscription(
        page=page, user=request.user, comment_notifications=False
    )
    form = (
        type(page)
        .get_edit_handler()
        .get_form_class()(
            request.POST,
            request.FILES,
            instance=page,
            subscription=subscription,
            parent_page=page.get_parent(),
            for_user=request.user,
        )
    )
    return form.has_changed()


def refuse_bulk_publishing(request: HttpRequest, action_type: str, objects, action) -> HttpResponse | None:
    """before_bulk_action: publishing many pages at once would publish their drafts unreviewed."""
    if action_type != "publish":
        return None
    messages.error(request, publishing_refused())
    return redirect(reverse("wagtailadmin_explore_root"))


def refuse_publishing_a_copy(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_copy_page: a copy (or an alias) made live at once is a new page no one approved."""
    if request.method == "POST" and (request.POST.get("publish_copies") or request.POST.get("alias")):
        messages.error(request, publishing_refused())
        return redirect(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    return None


def hide_the_publish_button(menu_items: list, request: HttpRequest, context: dict) -> None:
    """construct_page_action_menu: the CMS offers what it allows (unpublish stays, in its own menu)."""
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
