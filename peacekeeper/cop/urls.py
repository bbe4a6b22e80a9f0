from django.urls import path

from peacekeeper.cop import views

app_name = "cop"
urlpatterns = [
    path("", views.map_view, name="map"),
]
