from django.apps import AppConfig


class ForcesConfig(AppConfig):
    name = "peacekeeper.forces"
    label = "forces"
    verbose_name = "Forces"
