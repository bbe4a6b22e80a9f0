from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "peacekeeper.events"
    label = "events"
    verbose_name = "Operations log"
