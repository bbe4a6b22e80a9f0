from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "peacekeeper.assessment"
    label = "assessment"
    verbose_name = "Assessment"
