from django.urls import path

from peacekeeper.watch import views

app_name = "watch"

urlpatterns = [
    path("ccirs/", views.ccir_list, name="ccirs"),
    path("ccirs/new/", views.ccir_new, name="ccir_new"),
    path("ccirs/<int:ccir_id>/edit/", views.ccir_edit, name="ccir_edit"),
]
