from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "peacekeeper.core"
    label = "core"
    verbose_name = "Peacekeeper core"
