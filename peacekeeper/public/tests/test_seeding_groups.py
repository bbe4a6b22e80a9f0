"""Seeding puts the CMS's groups right every time: Editors and Approvers hold exactly what they should,
whatever Wagtail's migrations (or anyone since) gave them, Wagtail's Moderators group is gone, and the
workflow's task refuses an author's own approval."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
)

from peacekeeper.public.approval import SecondPersonApprovalTask
from peacekeeper.public.seeding import APPROVAL_TASK, APPROVERS, EDITORS, WORKFLOW, seed_public_site

IMAGES = {"add_image", "change_image", "choose_image"}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _as_wagtails_migrations_left_them() -> None:
    """What Wagtail's and wagtail-localize's migrations give their own Editors and Moderators, and more."""
    root, collection = Page.get_first_root_node(), Collection.get_first_root_node()
    editors, approvers = Group.objects.get(name=EDITORS), Group.objects.get(name=APPROVERS)
    moderators = Group.objects.create(name="Moderators")
    editors.permissions.add(_permission("wagtail_localize", "submit_translation"))
    for group in (editors, approvers, moderators):
        for codename in (
            "add_document",
            "change_document",
            "delete_document",
            "choose_document",
            "delete_image",
        ):
            app_label = "wagtaildocs" if "document" in codename else "wagtailimages"
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
    for group, codename in (
        (editors, "lock_page"),
        (moderators, "publish_page"),
        (moderators, "unlock_page"),
    ):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=_permission("wagtailcore", codename)
        )
    # A permission on one page only is as much too much as one on the root.
    news = Page.objects.get(locale__language_code="en", slug="news")
    GroupPagePermission.objects.create(
        group=editors, page=news, permission=_permission("wagtailcore", "publish_page")
    )


def _holdings(name: str) -> dict[str, set]:
    group = Group.objects.get(name=name)
    return {
        "model": {(p.content_type.app_label, p.codename) for p in group.permissions.all()},
        "pages": {
            (p.page_id, p.permission.codename) for p in GroupPagePermission.objects.filter(group=group)
        },
        "collections": {
            (p.collection_id, p.permission.codename)
            for p in GroupCollectionPermission.objects.filter(group=group)
        },
    }


def test_the_groups_hold_exactly_their_permissions_after_seeding(seeded):
    _as_wagtails_migrations_left_them()

    made = seed_public_site()

    root, collection = Page.get_first_root_node().pk, Collection.get_first_root_node().pk
    editors = {
        "model": {("wagtailadmin", "access_admin")},
        "pages": {(root, "add_page"), (root, "change_page")},
        "collections": {(collection, codename) for codename in IMAGES},
    }
    assert _holdings(EDITORS) == editors
    assert _holdings(APPROVERS) == {**editors, "pages": editors["pages"] | {(root, "publish_page")}}
    assert not Group.objects.filter(name="Moderators").exists()
    assert any("Moderators" in line for line in made)
    assert seed_public_site() == []


def test_a_task_seeded_as_wagtails_own_group_approval_becomes_the_second_persons(seeded):
    task = Task.objects.get(name=APPROVAL_TASK)
    Task.objects.filter(pk=task.pk).update(content_type=ContentType.objects.get_for_model(GroupApprovalTask))
    assert type(Task.objects.get(pk=task.pk).specific) is GroupApprovalTask

    seed_public_site()

    task = Task.objects.get(pk=task.pk).specific
    assert type(task) is SecondPersonApprovalTask
    assert [group.name for group in task.groups.all()] == [APPROVERS]
    assert list(Workflow.objects.get(name=WORKFLOW).tasks.specific()) == [task]
