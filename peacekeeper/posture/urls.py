from django.urls import path

from peacekeeper.posture import views_plan, views_tasks

app_name = "posture"
urlpatterns = [
    path("", views_tasks.task_list, name="tasks"),
    path("tasks/new", views_tasks.task_edit, name="task_new"),
    path("tasks/<int:task_id>/edit", views_tasks.task_edit, name="task_edit"),
    path("allocation/", views_plan.allocation, name="allocation"),
    path("options/", views_plan.options, name="options"),
    path("options/<int:option_id>/", views_plan.allocation, name="option"),
    path("compare/", views_plan.comparison, name="compare"),
    path("decisions/", views_plan.decisions, name="decisions"),
]
