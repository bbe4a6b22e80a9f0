from django.urls import path

from peacekeeper.forces import views, views_caveats, views_placemat

app_name = "forces"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("nations/", views.nations, name="nations"),
    path("caveats/", views_caveats.caveat_list, name="caveats"),
    path("caveats/new/", views_caveats.caveat_new, name="caveat-new"),
    path("caveats/<int:caveat_id>/", views_caveats.caveat_edit, name="caveat-edit"),
    path("placemat/", views_placemat.placemat, name="placemat"),
    path("placemat.pdf", views_placemat.placemat_as_pdf, name="placemat-pdf"),
]
