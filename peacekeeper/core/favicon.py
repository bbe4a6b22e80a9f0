"""/favicon.ico, which browsers and tools ask for whatever the page links: the site's icon, a static file."""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    # A temporary redirect: the static file's name carries its content's hash, which changes with it.
    return HttpResponseRedirect(static("core/favicon.svg"))
