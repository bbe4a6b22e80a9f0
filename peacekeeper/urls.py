from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from peacekeeper.api import api

urlpatterns = [
    path("", include("peacekeeper.cop.urls")),
    path("theatre/", include("peacekeeper.theatre.urls")),
    path("access/", include("peacekeeper.access.urls")),
    path("api/", api.urls),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
