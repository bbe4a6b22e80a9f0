"""Import and export screens: an ACLED file in, the current log view out (CSV, GeoJSON, KML, ACLED)."""

import io
import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from peacekeeper.access import policy
from peacekeeper.core.errors import InputError
from peacekeeper.events.exporting import FORMATS, export_events
from peacekeeper.events.forms_log import AcledImportForm, LogFilterForm
from peacekeeper.events.importing import (
    AcledFormatError,
    import_acled,
    refusal_reason,
)

# Rejected rows shown on the page; the rest are in the JSON report offered for download.
SHOWN_REJECTIONS = 500


@login_required
def export_view(request: HttpRequest, fmt: str) -> FileResponse:
    """The log as filtered on screen, as a file: only what this user may see, restricted records audited."""
    if fmt not in FORMATS:
        raise Http404(f"unknown export format {fmt!r}")
    form = LogFilterForm(request.GET)
    # Spooled to disk past 16 MB, so a large export neither fills memory nor arrives half-written.
    spool = tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+b")  # noqa: SIM115 (FileResponse closes it)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    export_events(user=request.user, filters=form.event_filter(), fmt=fmt, out=text, sort=form.sort_order)
    text.flush()
    text.detach()
    spool.seek(0)
    name = f"peacekeeper-log.{FORMATS[fmt].extension}"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=FORMATS[fmt].content_type)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    if not policy.can_edit(request.user):
        return render(
            request, "events/import.html", {"refused": "Your role does not allow importing reports."}
        )
    form = AcledImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            report = import_acled(
                stream=upload.file,
                user=request.user,
                marking=form.cleaned_data["marking"],
                status=form.cleaned_data["status"],
                file_name=upload.name,
                encoding=form.cleaned_data["encoding"] or None,
            )
        except InputError as error:
            form.add_error("marking", error.errors[0].reason)
        except AcledFormatError as error:
            reason = refusal_reason(error, name_encoding="choose its encoding below")
            form.add_error("file", f"Nothing was imported: {reason}")
    context = {"form": form, "report": report, "shown": SHOWN_REJECTIONS}
    if report is not None:
        rejected = report.as_json()["rejected"]
        context.update(rejected=rejected[:SHOWN_REJECTIONS], more=max(0, len(rejected) - SHOWN_REJECTIONS))
    template = "events/partials/import_area.html" if request.htmx else "events/import.html"
    return render(request, template, context)
