from django.apps import AppConfig


class ReleaseConfig(AppConfig):
    name = "peacekeeper.release"
    label = "release"
    verbose_name = "Release to the public site"
