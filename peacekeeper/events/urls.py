from django.urls import path

from peacekeeper.events import views_detail, views_entry, views_list, views_transfer

app_name = "events"
urlpatterns = [
    path("", views_list.log_list, name="list"),
    path("poll/", views_list.log_poll, name="poll"),
    path("import/", views_transfer.import_view, name="import"),
    path("export/<str:fmt>/", views_transfer.export_view, name="export"),
    path("new/", views_entry.new_report, name="new"),
    path("check/dtg/", views_entry.check_dtg, name="check_dtg"),
    path("check/location/", views_entry.check_location, name="check_location"),
    path("<int:event_id>/", views_detail.report_detail, name="detail"),
    path("<int:event_id>/edit/", views_entry.edit_report, name="edit"),
    path("<int:event_id>/transition/", views_detail.take_transition, name="transition"),
    path("<int:event_id>/link/", views_detail.link_reports, name="link"),
    path("links/<int:link_id>/undo/", views_detail.undo_incident_link, name="undo_link"),
]
