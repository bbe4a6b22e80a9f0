"""The public site's own views beside Wagtail's pages and search (views_search.py): its error pages, in the
visitor's language and on its own templates (never the mission's)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Also a body past DATA_UPLOAD_MAX_MEMORY_SIZE (Django refuses it before anything reads it).
    return render(request, "public/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "public/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without this site's cookie or token (cookies blocked, a page kept open
    across a restart); the journalist reloads the page and sends it again."""
    return render(request, "public/403_csrf.html", status=403)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "public/404.html", status=404)


def failed(request: HttpRequest) -> HttpResponse:
    # No database read here: the failure may be the database's.
    return render(request, "public/500.html", status=500)
