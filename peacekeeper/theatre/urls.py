from django.urls import path

from peacekeeper.theatre import views

app_name = "theatre"
urlpatterns = [
    path("sites/", views.site_list, name="sites"),
    path("sites/<int:site_id>/", views.site_detail, name="site"),
    path("about/", views.about_data, name="about"),
]
