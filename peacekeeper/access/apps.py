from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "peacekeeper.access"
    label = "access"
    verbose_name = "Access and releasability"
