"""What apps above the log add to a report's page, without the log importing them (imports point down).

An app registers a provider in its `AppConfig.ready()` (`register_report_section`, with a uid, as the
receivers of `reports_changed` are connected). For each report page the provider is given the request
and the report (which the reader may see) and answers a `ReportSection`, or None to add nothing: a
template to include (given `section`), the labels of what it shows (they raise the page's banner), and
entries for the report's history timeline, each labelled as what it shows. The provider reads through
the policy itself; the page shows only what it answers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from peacekeeper.access.models import ReleaseLabel
from peacekeeper.events.models import EventReport


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the report's history that another app keeps (an action opened, done or cancelled)."""

    at: datetime
    who: str
    what: str
    detail: str
    label: ReleaseLabel


@dataclass(frozen=True)
class ReportSection:
    template: str
    context: dict = field(default_factory=dict)
    labels: tuple[ReleaseLabel, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


Provider = Callable[[HttpRequest, EventReport], ReportSection | None]
_providers: dict[str, Provider] = {}


def register_report_section(uid: str, provider: Provider) -> None:
    """Add a section to every report page (registering the same uid again replaces it)."""
    _providers[uid] = provider


def report_sections(request: HttpRequest, event: EventReport) -> list[ReportSection]:
    sections = (provider(request, event) for _, provider in sorted(_providers.items()))
    return [section for section in sections if section is not None]


@dataclass(frozen=True)
class ReportMark:
    """A short flag on a report's row in the log and on its page (watch: SIGEVENT), with what it means."""

    text: str
    title: str
    css: str = ""
    # The labels of what the mark tells (watch: the CCIRs matched): they raise the page's banner.
    labels: tuple[ReleaseLabel, ...] = ()


# Given the reader and the ids of reports they may see, answers the marks of those that have any. It reads
# through the policy itself: a mark says nothing the reader may not see.
MarkProvider = Callable[[User | AnonymousUser, list[int]], dict[int, list[ReportMark]]]
_mark_providers: dict[str, MarkProvider] = {}


def register_report_marks(uid: str, provider: MarkProvider) -> None:
    """Add marks to the log's rows and the report page (registering the same uid again replaces it)."""
    _mark_providers[uid] = provider


def report_marks(user: User | AnonymousUser, report_ids: list[int]) -> dict[int, tuple[ReportMark, ...]]:
    marks: dict[int, list[ReportMark]] = {}
    for _, provider in sorted(_mark_providers.items()):
        for report_id, found in provider(user, report_ids).items():
            marks.setdefault(report_id, []).extend(found)
    return {report_id: tuple(found) for report_id, found in marks.items()}
