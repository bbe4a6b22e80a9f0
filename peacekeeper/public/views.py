"""The public site's own views beside Wagtail's pages and search (views_search.py): the 404 and 500 pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "public/404.html", status=404)


def failed(request: HttpRequest) -> HttpResponse:
    # No database read here: the failure may be the database's.
    return render(request, "public/500.html", status=500)
