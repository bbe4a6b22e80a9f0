""" "Search our content": the page (`/<lang>/search/`) and the JSON endpoint (`/api/public/search`), both
answered by search.py."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from peacekeeper.public import search as searching
from peacekeeper.public.folding import snippet


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """The results page; with no query, the form alone. A bad parameter is said on the page, with 400."""
    context: dict[str, object] = {
        "query": request.GET.get("q", "").strip(),
        "types": searching.TYPES,
        "params": request.GET,
        "max_length": searching.MAX_QUERY_LENGTH,
        "found": None,
    }
    if not context["query"] and len(request.GET) == 0:
        return render(request, "public/search.html", context)
    try:
        query = searching.parse(request.GET, language=translation.get_language())
    except searching.SearchError as error:
        context["error"] = error
        return render(request, "public/search.html", context, status=400)
    found = searching.search(query, request=request)
    context.update(
        found=found,
        hits=[(hit, snippet(hit.title, list(query.terms), words=len(hit.title))) for hit in found.hits],
        first_number=(found.page - 1) * searching.PER_PAGE + 1,
        previous_page=_page_link(request, found.page - 1) if found.page > 1 else None,
        next_page=_page_link(request, found.page + 1) if found.page < found.pages else None,
    )
    return render(request, "public/search.html", context)


def _page_link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"?{params.urlencode()}"


@require_safe
def search_api(request: HttpRequest) -> JsonResponse:
    """GET /api/public/search?q=…&lang=…&type=…&from=…&to=…&page=…: one page of results and the total.
    `lang` defaults to the visitor's language as Accept-Language gives it (English when it names none of
    the site's); `lang=all` searches every language. The snippet is HTML: escaped text, matches in <mark>."""
    try:
        query = searching.parse(request.GET, language=translation.get_language())
    except searching.SearchError as error:
        return JsonResponse({"error": error.message, "parameter": error.parameter}, status=400)
    found = searching.search(query, request=request)
    results = [
        {
            "title": hit.title,
            "url": hit.url,
            "lang": hit.language,
            "snippet": str(hit.snippet),
            "published": hit.published.isoformat() if hit.published else None,
        }
        for hit in found.hits
    ]
    return JsonResponse({"results": results, "total": found.total, "page": found.page, "pages": found.pages})
