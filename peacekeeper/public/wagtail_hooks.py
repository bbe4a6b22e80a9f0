"""The CMS's screens beside the pages: the press accreditation applications, for the Public Affairs Office."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
