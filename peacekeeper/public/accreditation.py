"""Press accreditation on the Media Operations page: the form shown, an application received and stored for
the Public Affairs Office, the rate limit per client address, and the deletion of applications kept past
their time.

The rate limit counts every sending of the form (valid or not) in the database, so it holds across the
public site's processes and restarts (Django's default cache is one per process and would not).
"""

from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac

from peacekeeper.public.forms import AccreditationForm, start_token, token_age
from peacekeeper.public.models import AccreditationApplication, AccreditationAttempt, MediaOperationsPage

MAX_ATTEMPTS_PER_HOUR = 10
RATE_WINDOW = timedelta(hours=1)
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
    if not _note_attempt(request):
        response = _render(page, request, status=429, form=None, rate_limited=True)
        response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
        return response
    form = AccreditationForm(request.POST)
    if not form.is_valid():
        if token_age(request.POST.get("started", "")) is None or form.refused_as("expired"):
            # The errors stand; the form shown again carries a fresh start time for the next sending.
            form.data = request.POST.copy()
            form.data["started"] = start_token()
        return _render(page, request, status=400, form=form)
    now = timezone.now()
    with transaction.atomic():
        application = form.save(commit=False)
        application.language = translation.get_language() or ""
        application.consented_at = now
        application.submitted_at = now
        application.save()
    purge_expired()
    return HttpResponseRedirect(f"{page.url}?sent=1")


def _client(request: HttpRequest) -> str:
    # The address as the server saw it (the public site answers clients directly; a reverse proxy in front
    # would need its forwarded address trusted first). Kept only as a keyed hash.
    return salted_hmac(
        "peacekeeper.public.accreditation.client", request.META.get("REMOTE_ADDR", "")
    ).hexdigest()


def _note_attempt(request: HttpRequest) -> bool:
    """Record this sending and say whether the client is within its limit. The row is written before the
    count, so that concurrent sendings from several processes each see the others: the limit may refuse one
    too many under a race, never accept one too many."""
    client = _client(request)
    now = timezone.now()
    AccreditationAttempt.objects.filter(at__lt=now - RATE_WINDOW).delete()
    AccreditationAttempt.objects.create(client=client, at=now)
    recent = AccreditationAttempt.objects.filter(client=client, at__gte=now - RATE_WINDOW).count()
    return recent <= MAX_ATTEMPTS_PER_HOUR


def purge_expired() -> int:
    """Delete the applications whose visit ended more than RETENTION_DAYS ago; returns how many."""
    cutoff = timezone.localdate() - timedelta(days=RETENTION_DAYS)
    return AccreditationApplication.objects.filter(visit_to__lt=cutoff).delete()[0]
