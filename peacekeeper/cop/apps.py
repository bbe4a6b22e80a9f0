from django.apps import AppConfig


class CopConfig(AppConfig):
    name = "peacekeeper.cop"
    label = "cop"
    verbose_name = "Common operational picture"
