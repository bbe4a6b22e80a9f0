from django.urls import path

from peacekeeper.duty import views, views_handover

app_name = "duty"
urlpatterns = [
    path("actions/", views.actions_list, name="actions"),
    path("actions/new/", views.new_action, name="new_action"),
    path("actions/<int:action_id>/", views.action_detail, name="action"),
    path("actions/<int:action_id>/close/", views.close_action, name="close_action"),
    path("handover/", views_handover.handover_now, name="handover"),
    path("shifts/", views_handover.shift_list, name="shifts"),
    path("shifts/<int:shift_id>/", views_handover.shift_page, name="shift"),
    path("shifts/<int:shift_id>/pdf/", views_handover.shift_pdf, name="shift_pdf"),
    path("shifts/<int:shift_id>/handover/", views_handover.hand_over, name="hand_over"),
    path("shifts/<int:shift_id>/acknowledge/", views_handover.acknowledge, name="acknowledge"),
]
