from django.apps import AppConfig


class PostureConfig(AppConfig):
    name = "peacekeeper.posture"
    label = "posture"
    verbose_name = "Posture"
