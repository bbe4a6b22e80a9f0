from django.urls import path

from peacekeeper.cop import symbol_views, views

app_name = "cop"
urlpatterns = [
    path("", views.map_view, name="map"),
    path("cop/wall/", views.wall_view, name="wall"),
    path("cop/symbols/<str:sidc>.svg", symbol_views.symbol_svg, name="symbol"),
]
