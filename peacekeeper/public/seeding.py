"""The public site's shipped pages, groups and approval workflow, created once (`serve --site public`).

Idempotent: a tree that already has a home page is left as its editors made it; the groups, their
permissions and the workflow are made or put right each time (approval.py: what the workflow enforces).
"""

from datetime import date

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from peacekeeper.public import content
from peacekeeper.public.approval import SecondPersonApprovalTask
from peacekeeper.public.models import (
    AboutPage,
    ContributingNationsPage,
    HomePage,
    MediaOperationsPage,
    NewsIndexPage,
    NewsPage,
    SafetyNoticesPage,
)

EDITORS = "Editors"
APPROVERS = "Approvers"
WORKFLOW = "Public affairs approval"
APPROVAL_TASK = "Approval by a second person"
WAGTAIL_MODERATORS = "Moderators"
# What each group may do on every page (the tree's root) and with images (the root collection), and nothing
# more. No documents: no page type links one (models.TEXT_FEATURES has no document-link), so an editor has
# no use for an upload the site would then serve.
GROUP_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page"],  # publish_page: approve, and retract alone
}
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


@transaction.atomic
def seed_public_site() -> list[str]:
    """Make what is missing; say what was made."""
    made = []
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in content.LANGUAGE_CODES}
    if not HomePage.objects.exists():
        _seed_pages(locales)
        made.append("the shipped pages in English, Albanian and Serbian")
    made.extend(_seed_workflow())
    return made


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _translate(english: Page, locale: Locale, **fields) -> Page:
    translation = english.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    _publish(translation)
    return translation


def _seed_pages(locales: dict[str, Locale]) -> None:
    english = locales["en"]
    # Wagtail's migrations make the root node; a database emptied after them (a test's flush) has none.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    # Wagtail's own placeholder ("Welcome to your new Wagtail site!") gives way to the home page.
    placeholders = root.get_children().filter(
        content_type__model="page", content_type__app_label="wagtailcore"
    )
    for placeholder in placeholders:
        placeholder.delete()
    home = root.add_child(instance=HomePage(locale=english, slug="home", **content.HOME["en"]))
    _publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "KFOR"},
    )
    sources = [("source", {"title": title, "url": url}) for title, url in content.SOURCES]

    def about_fields(code: str) -> dict:
        page = content.ABOUT[code]
        body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in page["body"]]
        return {"title": page["title"], "intro": page["intro"], "body": body, "sources": sources}

    def add(parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        _publish(page)
        return page

    pages: list[tuple[Page, object]] = [(home, lambda code: content.HOME[code])]
    about = add(home, AboutPage(locale=english, slug="about-us", show_in_menus=True, **about_fields("en")))
    pages.append((about, about_fields))
    nations = add(
        about,
        ContributingNationsPage(
            locale=english, slug="contributing-nations", **content.CONTRIBUTING_NATIONS["en"]
        ),
    )
    pages.append((nations, lambda code: content.CONTRIBUTING_NATIONS[code]))
    news = add(home, NewsIndexPage(locale=english, slug="news", show_in_menus=True, **content.NEWS["en"]))
    pages.append((news, lambda code: content.NEWS[code]))
    media = add(
        home,
        MediaOperationsPage(
            locale=english,
            slug="media-operations",
            show_in_menus=True,
            address=content.MEDIA_ADDRESS,
            **content.MEDIA_OPERATIONS["en"],
        ),
    )
    pages.append((media, lambda code: content.MEDIA_OPERATIONS[code]))
    notices = add(
        home,
        SafetyNoticesPage(
            locale=english, slug="safety-notices", show_in_menus=True, **content.SAFETY_NOTICES["en"]
        ),
    )
    pages.append((notices, lambda code: content.SAFETY_NOTICES[code]))
    for item in content.EXERCISE_NEWS:
        page = NewsPage(
            locale=english,
            slug=item["slug"],
            date=date.fromisoformat(item["date"]),
            place=item["place"]["en"],
            exercise=True,
            **item["en"],
        )
        news.add_child(instance=page)
        page.tags.add(*item["tags"])
        page.save()
        _publish(page)
        pages.append((page, lambda code, item=item: {**item[code], "place": item["place"][code]}))
    # Translations in tree order, so that each one's parent is translated before it.
    for code in ("sq", "sr"):
        for page, fields in pages:
            _translate(page, locales[code], **fields(code))


def _seed_workflow() -> list[str]:
    made = _seed_groups()
    approvers = Group.objects.get(name=APPROVERS)
    task = SecondPersonApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    second_person = ContentType.objects.get_for_model(SecondPersonApprovalTask, for_concrete_model=False)
    if task is None:
        task = SecondPersonApprovalTask.objects.create(name=APPROVAL_TASK)
    elif task.content_type_id != second_person.pk:
        # A task seeded as Wagtail's plain GroupApprovalTask, which lets an approver approve their own page.
        Task.objects.filter(pk=task.pk).update(content_type=second_person)
        made.append(f"the task {APPROVAL_TASK!r} refuses an approval by the page's author")
    task.groups.set([approvers])
    workflow, created_workflow = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    # Every page, in every language, goes through it: the tree's root is assigned.
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    if created_workflow:
        made.append(f"the workflow {WORKFLOW!r} (editors submit, an approver who did not write it publishes)")
    return made


def _seed_groups() -> list[str]:
    """Editors and Approvers hold exactly GROUP_PAGE_PERMISSIONS and IMAGE_PERMISSIONS, whatever Wagtail's
    migrations gave its own "Editors" (documents, image deletion, wagtail-localize's submit_translation,
    which publishes a live page's translation at once), and Wagtail's "Moderators" group is deleted."""
    made = []
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    images = list(
        Permission.objects.filter(content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS)
    )
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        pages = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
        extra = group.permissions.exclude(pk=admin_access.pk).count()
        extra += (
            GroupPagePermission.objects.filter(group=group)
            .exclude(page=root, permission__in=pages)
            .delete()[0]
        )
        extra += (
            GroupCollectionPermission.objects.filter(group=group)
            .exclude(collection=collection, permission__in=images)
            .delete()[0]
        )
        group.permissions.set([admin_access])
        for permission in pages:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for permission in images:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
        if created:
            made.append(f"the group {name}")
        elif extra:
            made.append(f"the group {name} without the {extra} permissions it should not hold")
    # Wagtail's own moderators publish, lock and unlock alone: the workflow's Approvers replace them. Deleted
    # rather than emptied, so that no one is put in a group whose name promises a power it does not hold.
    if Group.objects.filter(name=WAGTAIL_MODERATORS).delete()[0]:
        made.append(f"Wagtail's group {WAGTAIL_MODERATORS} deleted (Approvers approve, none publishes alone)")
    return made
