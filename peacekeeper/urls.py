from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from peacekeeper.access import admin as access_admin  # noqa: F401  (registers the admin pages)
from peacekeeper.api import api
from peacekeeper.core.favicon import favicon
from peacekeeper.forces import admin as forces_admin  # noqa: F401
from peacekeeper.theatre import admin as theatre_admin  # noqa: F401

urlpatterns = [
    path("", include("peacekeeper.cop.urls")),
    path("theatre/", include("peacekeeper.theatre.urls")),
    path("access/", include("peacekeeper.access.urls")),
    path("log/", include("peacekeeper.events.urls")),
    path("forces/", include("peacekeeper.forces.urls")),
    path("posture/", include("peacekeeper.posture.urls")),
    path("assessment/", include("peacekeeper.assessment.urls")),
    path("movement/", include("peacekeeper.movement.urls")),
    path("duty/", include("peacekeeper.duty.urls")),
    path("watch/", include("peacekeeper.watch.urls")),
    path("api/", api.urls),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
]
handler403 = "peacekeeper.core.error_pages.forbidden"
handler404 = "peacekeeper.core.not_found.not_found"
handler500 = "peacekeeper.core.error_pages.failed"
