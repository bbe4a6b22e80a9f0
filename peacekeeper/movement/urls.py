from django.urls import path

from peacekeeper.movement import views, views_log

app_name = "movement"
urlpatterns = [
    path("", views.network_view, name="network"),
    path("restrictions/", views_log.restrictions_view, name="restrictions"),
    path("restrictions/<int:restriction_id>/lift", views_log.lift_view, name="lift"),
    path("routes/", views.routes_view, name="routes"),
]
