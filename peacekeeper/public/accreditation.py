"""Press accreditation on the Media Operations page: the form shown, an application received and stored for
the Public Affairs Office, the limits on what it takes, and the deletion of applications kept past their time.

The limits, in the database so that they hold across the public site's processes and restarts (Django's
default cache is one per process and would not):
- each client (clients.py: an address, an IPv6 /64) may send the form MAX_ATTEMPTS_PER_HOUR times an hour,
  valid or not;
- the office takes at most MAX_APPLICATIONS_PER_HOUR applications an hour from everyone together, so that
  senders with many addresses cannot fill its inbox; past it the form says to write to the office;
- each form (its start time's nonce) stores one application, and the same person's application for the same
  dates is stored once a day.
"""

import math
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac

from peacekeeper.public.clients import client_network
from peacekeeper.public.forms import (
    MAX_FILL_SECONDS,
    AccreditationForm,
    already_sent,
    read_token,
    start_token,
)
from peacekeeper.public.models import AccreditationApplication, AccreditationAttempt, MediaOperationsPage

MAX_ATTEMPTS_PER_HOUR = 10
# Some ten times what the office receives on its busiest days (a summit, an incident).
MAX_APPLICATIONS_PER_HOUR = 30
RATE_WINDOW = timedelta(hours=1)
# The same person (email) asking for the same dates within this time is told the office already has it.
DUPLICATE_WINDOW = timedelta(hours=24)
# A sending is kept for the rate limit's hour; one that stored an application as long as the form it carried
# could be sent again (its nonce refuses that).
ATTEMPT_KEPT = timedelta(seconds=MAX_FILL_SECONDS)
# Said on the page: the office keeps an application this long after the visit's last day.
RETENTION_DAYS = 365


def serve_media_page(page: MediaOperationsPage, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if request.method == "POST":
        response = _receive(page, request)
    elif request.method in ("GET", "HEAD"):
        form = AccreditationForm(initial={"started": start_token()})
        response = _render(page, request, form=form, sent=request.GET.get("sent") == "1")
    else:
        response = HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    # The form carries a CSRF token and its own start time: no shared cache may keep a copy.
    add_never_cache_headers(response)
    return response


def _render(page: MediaOperationsPage, request: HttpRequest, *, status: int = 200, **extra) -> HttpResponse:
    context = page.get_context(request)
    context.update(retention_days=RETENTION_DAYS, max_attempts=MAX_ATTEMPTS_PER_HOUR, **extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _receive(page: MediaOperationsPage, request: HttpRequest) -> HttpResponse:
    attempt = _note_attempt(request)
    if attempt is None:
        response = _render(page, request, status=429, form=None, rate_limited=True)
        response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
        return response
    wait = _office_full_for()
    if wait is not None:
        response = _render(page, request, status=429, form=None, office_full=True)
        response["Retry-After"] = str(wait)
        return response
    form = AccreditationForm(request.POST)
    if not form.is_valid():
        if read_token(request.POST.get("started", "")) is None or form.refused_as("expired"):
            # The errors stand; the form shown again carries a fresh start time for the next sending.
            form.data = request.POST.copy()
            form.data["started"] = start_token()
        return _render(page, request, status=400, form=form)
    if _already_received(form):
        return _render(page, request, form=None, duplicate=True)
    now = timezone.now()
    try:
        with transaction.atomic():
            application = form.save(commit=False)
            application.language = translation.get_language() or ""
            application.consented_at = now
            application.submitted_at = now
            application.save()
            attempt.nonce = form.nonce
            attempt.save(update_fields=["nonce"])
    except IntegrityError:
        # The same form sent twice at once: the other sending stored it (the nonce is unique).
        form.add_error(None, already_sent())
        return _render(page, request, status=400, form=form)
    purge_expired()
    return HttpResponseRedirect(f"{page.url}?sent=1")


def _client(request: HttpRequest) -> str:
    # Kept only as a keyed hash.
    return salted_hmac("peacekeeper.public.accreditation.client", client_network(request)).hexdigest()


def _note_attempt(request: HttpRequest) -> AccreditationAttempt | None:
    """Record this sending; None if the client is past its limit. The row is written before the count, so
    that concurrent sendings from several processes each see the others: the limit may refuse one too many
    under a race, never accept one too many."""
    client = _client(request)
    now = timezone.now()
    AccreditationAttempt.objects.filter(
        Q(at__lt=now - RATE_WINDOW, nonce__isnull=True) | Q(at__lt=now - ATTEMPT_KEPT)
    ).delete()
    attempt = AccreditationAttempt.objects.create(client=client, at=now)
    recent = AccreditationAttempt.objects.filter(client=client, at__gte=now - RATE_WINDOW).count()
    return attempt if recent <= MAX_ATTEMPTS_PER_HOUR else None


def _office_full_for() -> int | None:
    """None while the office takes applications this hour; else the seconds until it takes one again."""
    now = timezone.now()
    this_hour = AccreditationApplication.objects.filter(submitted_at__gte=now - RATE_WINDOW)
    received = list(
        this_hour.order_by("-submitted_at").values_list("submitted_at", flat=True)[:MAX_APPLICATIONS_PER_HOUR]
    )
    if len(received) < MAX_APPLICATIONS_PER_HOUR:
        return None
    # A place frees when the oldest of the last MAX_APPLICATIONS_PER_HOUR leaves the hour.
    return max(1, math.ceil((received[-1] + RATE_WINDOW - now).total_seconds()))


def _already_received(form: AccreditationForm) -> bool:
    data = form.cleaned_data
    return AccreditationApplication.objects.filter(
        email__iexact=data["email"],
        visit_from=data["visit_from"],
        visit_to=data["visit_to"],
        submitted_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists()


def purge_expired() -> int:
    """Delete the applications whose visit ended more than RETENTION_DAYS ago; returns how many."""
    cutoff = timezone.localdate() - timedelta(days=RETENTION_DAYS)
    return AccreditationApplication.objects.filter(visit_to__lt=cutoff).delete()[0]
