from django.apps import AppConfig


class CopConfig(AppConfig):
    name = "peacekeeper.cop"
    label = "cop"
    verbose_name = "Common operational picture"

    def ready(self) -> None:
        from peacekeeper.cop.notify import announce
        from peacekeeper.events.signals import reports_changed
        from peacekeeper.watch.signals import alerts_changed

        # Open maps in every server process learn of validated and published reports at once.
        reports_changed.connect(announce, dispatch_uid="cop.live")
        # And of alerts raised, acknowledged or escalated (the watch floor's banner rides the same stream).
        alerts_changed.connect(announce, dispatch_uid="cop.live.alerts")
