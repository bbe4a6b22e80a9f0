from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "peacekeeper.movement"
    label = "movement"
    verbose_name = "Movement"

    def ready(self) -> None:
        from peacekeeper.movement import derive

        derive.connect()
