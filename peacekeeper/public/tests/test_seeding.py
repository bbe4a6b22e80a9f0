from wagtail.models import GroupApprovalTask, Page, WorkflowPage

from peacekeeper.public.models import HomePage
from peacekeeper.public.seeding import APPROVERS, WORKFLOW, seed_public_site


def test_seeding_twice_makes_nothing_new(seeded):
    pages = Page.objects.count()

    assert seed_public_site() == []
    assert Page.objects.count() == pages


def test_every_shipped_page_exists_in_three_languages(seeded):
    languages = {home.locale.language_code for home in HomePage.objects.live()}

    assert languages == {"en", "sq", "sr"}
    for page in Page.objects.filter(locale__language_code="en", depth__gt=1).live():
        assert {t.locale.language_code for t in page.get_translations(inclusive=True).live()} == {
            "en",
            "sq",
            "sr",
        }


def test_every_page_goes_through_the_approval_of_a_second_person(seeded):
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    task = GroupApprovalTask.objects.get(pk=workflow.workflow_tasks.get().task_id)

    assert workflow.name == WORKFLOW
    assert [group.name for group in task.groups.all()] == [APPROVERS]
    for page in Page.objects.filter(depth__gt=1):
        assert page.get_workflow() == workflow
