"""The CMS's screens beside the pages (the press accreditation applications, for the Public Affairs Office),
and the hooks that keep publication to a second person's approval (approval.py)."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from peacekeeper.public import approval
from peacekeeper.public.accreditation import purge_expired
from peacekeeper.public.models import AccreditationApplication

# What the applicant wrote: the office reads it and does not rewrite it.
_APPLICANT_FIELDS = [
    "name",
    "organisation",
    "role",
    "nationality",
    "email",
    "phone",
    "press_card",
    "visit_from",
    "visit_to",
    "purpose",
    "language",
    "submitted_at",
]


class AccreditationViewSet(SnippetViewSet):
    model = AccreditationApplication
    icon = "user"
    menu_label = "Press accreditation"
    menu_name = "press-accreditation"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "organisation", "visit_from", "visit_to", "status", "submitted_at"]
    list_filter = ["status"]
    ordering = ["-submitted_at"]
    panels = [
        MultiFieldPanel(
            [FieldPanel(name, read_only=True) for name in _APPLICANT_FIELDS], heading="The application"
        ),
        FieldPanel("status"),
        FieldPanel("office_note"),
    ]

    def get_queryset(self, request):
        # An application past its keeping time is deleted before anyone can read it.
        purge_expired()
        return AccreditationApplication.objects.all()


register_snippet(AccreditationViewSet)

# Approval by a second person (approval.py): the CMS's ways to publish without it are refused. Before
# wagtail-localize's own before_edit_page, which publishes a synced translation itself.
hooks.register("before_edit_page", approval.refuse_publishing_from_the_editor, order=-1)
hooks.register("before_create_page", approval.refuse_publishing_a_new_page)
hooks.register("before_publish_page", approval.refuse_own_publication)
hooks.register("before_bulk_action", approval.refuse_bulk_publishing)
hooks.register("before_copy_page", approval.refuse_publishing_a_copy)
hooks.register("construct_page_action_menu", approval.hide_the_publish_button)
