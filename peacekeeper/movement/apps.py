from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "peacekeeper.movement"
    label = "movement"
    verbose_name = "Movement"

    def ready(self) -> None:
        from peacekeeper.events.signals import reports_changed
        from peacekeeper.movement.derive import on_reports_changed

        # Restrictions derived from validated freedom-of-movement reports follow every change of the log.
        reports_changed.connect(on_reports_changed, dispatch_uid="movement.derive")
