"""The public site's page types (Wagtail). Editors write pages in the CMS at /cms/; two page types show what
release bundles brought from the mission side (contributing nations, safety notices), never typed by hand."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from peacekeeper.public.approval import SecondPersonApprovalTask  # noqa: F401 (a model of this app)
from peacekeeper.public.folding import index_text
from peacekeeper.public.languages import content_language
from peacekeeper.public.notices_map import map_settings
from peacekeeper.public.places import validate_place
from peacekeeper.release.models import BundleImport, PublicContribution, PublicNotice

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
NEWS_PER_PAGE = 10
# The fields "Search our content" reads, on the page types that have them (folding.py: how): the prose, which
# the snippets are cut from, and the facts beside it.
SEARCHED_PROSE = ("summary", "intro", "body")
SEARCHED_FACTS = ("place", "address")


class PublicPage(Page):
    """What every public page shares: whether it is shown in place of a translation the visitor's language
    lacks (the template says so in that language)."""

    class Meta:
        abstract = True

    # Only the folded text is indexed (and the title, which Wagtail's admin searches by): a query is folded
    # the same way, so any backend (database, OpenSearch) finds across scripts and accents.
    search_fields = [*Page.search_fields, index.SearchField("search_text")]

    def search_parts(self) -> list[str]:
        """The page's searchable prose, as plain text (the snippets are cut from it)."""
        return self._plain_texts(SEARCHED_PROSE)

    def _plain_texts(self, names: tuple[str, ...]) -> list[str]:
        parts = []
        for name in names:
            if not hasattr(self, name):
                continue
            field, value = self._meta.get_field(name), getattr(self, name)
            parts.extend(
                field.get_searchable_content(value) if hasattr(field, "get_searchable_content") else [value]
            )
        return [part for part in parts if part]

    def search_text(self) -> str:
        return index_text(self.title, [*self.search_parts(), *self._plain_texts(SEARCHED_FACTS)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fallback"] = self.locale.language_code != content_language(translation.get_language())
        return context


class HomePage(PublicPage):
    intro = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "public.AboutPage",
        "public.ContributingNationsPage",
        "public.NewsIndexPage",
        "public.MediaOperationsPage",
        "public.SafetyNoticesPage",
    ]

    def route(self, request, path_components):
        """A page without a live translation in this home's language is served from the English tree."""
        try:
            return super().route(request, path_components)
        except Http404:
            english = self.get_translation_or_none(Locale.get_default())
            if english is None or english.pk == self.pk:
                raise
            return english.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-first_published_at")[:3]
        )
        return context


class AboutPage(PublicPage):
    intro = models.TextField(blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock(features=TEXT_FEATURES)),
        ],
        blank=True,
    )
    sources = StreamField(
        [("source", blocks.StructBlock([("title", blocks.CharBlock()), ("url", blocks.URLBlock())]))],
        blank=True,
        help_text="where the page's facts come from",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("sources")]
    parent_page_types = ["public.HomePage", "public.AboutPage"]
    subpage_types = ["public.AboutPage", "public.ContributingNationsPage"]


class ContributingNationsPage(PublicPage):
    """The force's contributing nations as the last imported release bundle gives them."""

    intro = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public.HomePage", "public.AboutPage"]
    subpage_types: list[str] = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        as_of = PublicContribution.latest_complete_date()
        contributions = list(
            PublicContribution.objects.filter(as_of=as_of).order_by("-troops", "nation_name")
        )
        context.update(
            as_of=as_of,
            contributions=contributions,
            total=sum(row.troops for row in contributions),
            any_approximate=any(row.approximate for row in contributions),
            any_inferred=any(row.name_inferred for row in contributions),
            sources=sorted({row.source for row in contributions if row.source}),
            bundle=BundleImport.objects.first(),
        )
        return context


class NewsIndexPage(PublicPage):
    intro = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public.HomePage"]
    subpage_types = ["public.NewsPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-date", "-first_published_at")
        context["news"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("public.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(PublicPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    place = models.CharField(
        _("place"),
        max_length=120,
        validators=[validate_place],
        help_text="a place in the theatre's gazetteer",
    )
    exercise = models.BooleanField(
        _("exercise"), default=False, help_text="an exercise item: the page shows an EXERCISE banner"
    )
    summary = models.TextField(blank=True)
    body = RichTextField(features=TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        _("image alt text"), max_length=250, blank=True, help_text="what the image shows, for screen readers"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("place"), FieldPanel("exercise")], heading="Facts"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("tags"),
    ]
    search_fields = [*PublicPage.search_fields, index.FilterField("date")]
    parent_page_types = ["public.NewsIndexPage"]
    subpage_types: list[str] = []

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("An image needs its alt text: say what it shows.")})

    def search_text(self) -> str:
        return index_text(self.title, [*self.search_parts(), self.place, *self.tags.names()])


class MediaOperationsPage(PublicPage):
    """The Public Affairs Office's page, with the press accreditation form (public/accreditation.py)."""

    office = models.CharField(max_length=120, default="Public Affairs Office")
    address = models.TextField(default="HQ KFOR, Camp Film City\n10000 Pristina")
    body = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("office"), FieldPanel("address"), FieldPanel("body")]
    parent_page_types = ["public.HomePage"]
    subpage_types: list[str] = []

    def serve(self, request, *args, **kwargs):
        # accreditation.py builds on this module's models: imported here, where the page needs it.
        from peacekeeper.public.accreditation import serve_media_page

        return serve_media_page(self, request, *args, **kwargs)


class AccreditationApplication(models.Model):
    """A journalist's application for press accreditation, for the Public Affairs Office only: shown in the
    CMS (wagtail_hooks.py), never on a public page, deleted RETENTION_DAYS after the visit's last day."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCREDITED = "accredited", "Accredited"
        REFUSED = "refused", "Refused"

    name = models.CharField(max_length=200)
    organisation = models.CharField("media organisation", max_length=200)
    role = models.CharField(max_length=120)
    nationality = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=40)
    press_card = models.CharField("press card number", max_length=60)
    visit_from = models.DateField("visit from")
    visit_to = models.DateField("visit until")
    purpose = models.TextField("purpose of the visit", max_length=2000)
    language = models.CharField(max_length=8, help_text="the language the applicant wrote in")
    consented_at = models.DateTimeField(help_text="when the applicant agreed to the processing of the data")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    office_note = models.TextField(
        blank=True, help_text="the office's own note (never shown to the applicant)"
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visit_to__gte=models.F("visit_from")), name="accreditation_visit_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation}), {self.visit_from:%d.%m.%Y}–{self.visit_to:%d.%m.%Y}"


class AccreditationAttempt(models.Model):
    """One sending of the accreditation form, for its rate limit: in the database, so that the limit holds
    across the public site's processes. The client's address is kept only as a keyed hash. A sending that
    stored an application keeps its form's nonce (forms.start_token): unique, so a form is stored once."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    nonce = models.CharField(max_length=32, null=True, blank=True, unique=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"], name="accreditation_attempt_client")]

    def __str__(self) -> str:
        return f"{self.client[:12]} at {self.at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    """One wrong password at the CMS's sign-in, for its throttle (public/login_throttle.py): in the database,
    so that the limit holds across all the site's processes. The key is a keyed hash of a name or address."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="login_failure_key")]

    def __str__(self) -> str:
        return f"{self.key[:12]} at {self.at:%Y-%m-%d %H:%M}"


class SafetyNoticesPage(PublicPage):
    """Road closures and restrictions in force, as the last imported release bundle gives them."""

    intro = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["public.HomePage"]
    subpage_types: list[str] = []

    def search_parts(self) -> list[str]:
        """The notices in force are found through this page: the search index holds their text as of the
        last bundle import (search.py reindexes the page on each)."""
        parts = super().search_parts()
        for notice in PublicNotice.objects.in_force(timezone.now()):
            parts.append(" ".join([notice.place, notice.location_name, notice.cause]))
            parts.extend(", ".join(values) for values in (notice.segments, notice.roads) if values)
        return parts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = list(PublicNotice.objects.in_force(timezone.now()))
        context["bundle"] = BundleImport.objects.first()
        if any(notice.geometry for notice in context["notices"]):
            context["notices_map"] = map_settings()
        return context


class ContentVersion(models.Model):
    """One row, whose number grows whenever what a public page shows may have changed: the page cache's
    key (page_cache.py), read by every serving process."""

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"public content version {self.number}"
