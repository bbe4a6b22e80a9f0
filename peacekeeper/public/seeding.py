"""The public site's shipped pages, groups and approval workflow, created once (`serve --site public`).

Idempotent: a tree that already has a home page is left as its editors made it; the groups and the workflow
are made or completed each time.
"""

from datetime import date

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from peacekeeper.public import content
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
    made = []
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_permissions = {
        EDITORS: ["add_page", "change_page"],
        APPROVERS: ["add_page", "change_page", "publish_page"],
    }
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=["add_image", "change_image", "choose_image"]
    )
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    groups = {}
    for name, codenames in page_permissions.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            made.append(f"the group {name}")
        group.permissions.add(admin_access)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for permission in image_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
        groups[name] = group
    task, created = GroupApprovalTask.objects.get_or_create(name=APPROVAL_TASK)
    task.groups.add(groups[APPROVERS])
    workflow, created_workflow = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    # Every page, in every language, goes through it: the tree's root is assigned.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    if created_workflow:
        made.append(f"the workflow {WORKFLOW!r} (editors submit, an approver publishes)")
    return made
