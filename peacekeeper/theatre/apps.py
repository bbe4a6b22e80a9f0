from django.apps import AppConfig


class TheatreConfig(AppConfig):
    name = "peacekeeper.theatre"
    label = "theatre"
    verbose_name = "Theatre"
