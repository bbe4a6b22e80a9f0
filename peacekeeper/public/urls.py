"""The public site's URLconf (ROOT_URLCONF in public mode): the CMS at /cms/, pages and search per language.

The mission's URLconf (peacekeeper/urls.py) routes none of this: Wagtail is reachable only here.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from peacekeeper.core.favicon import favicon
from peacekeeper.public import notices_map, sitemaps, views_search
from peacekeeper.public.feeds import NewsAndNoticesFeed
from peacekeeper.public.login_throttle import ThrottledLoginView


def _serve_rendition(request, path):
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


def _no_page(request):
    raise Http404


urlpatterns = [
    # Wagtail's sign-in with a limit on wrong passwords; the only sign-in page (see _util/login/ below).
    path("cms/login/", ThrottledLoginView.as_view(), name="public_cms_login"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Image renditions only, served by the site itself (the demo has no separate file server). Never the whole
    # upload folder: originals keep their full size; documents go through /documents/ (privacy, attachment).
    re_path(r"^media/(?P<path>images/.*)$", _serve_rendition),
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", sitemaps.robots_txt, name="public_robots"),
    path("sitemap.xml", sitemaps.sitemap, name="public_sitemap"),
    path("api/public/search", views_search.search_api, name="public_search_api"),
    # The safety notices' map layers (one GeoJSON endpoint each), the same in every language.
    path("map/", include(notices_map.urlpatterns)),
    *i18n_patterns(
        path("search/", views_search.search_page, name="public_search"),
        path("feed/", NewsAndNoticesFeed(), name="public_feed"),
        # Wagtail's second sign-in page for restricted pages: the CMS's throttled one is the only one.
        path("_util/login/", _no_page),
        path("", include(wagtail_urls)),
    ),
]
handler400 = "peacekeeper.public.views.bad_request"
handler403 = "peacekeeper.public.views.permission_denied"
handler404 = "peacekeeper.public.views.not_found"
handler500 = "peacekeeper.public.views.failed"
