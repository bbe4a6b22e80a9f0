from django.urls import path

from peacekeeper.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.table, name="table"),
    path("areas/<int:area_id>/", views.area, name="area"),
    path("compare/", views.compare, name="compare"),
]
