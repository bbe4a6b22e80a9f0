from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "peacekeeper.watch"
    label = "watch"
    verbose_name = "Significant events and alerts"

    def ready(self) -> None:
        from peacekeeper.events.extensions import register_report_marks, register_report_section
        from peacekeeper.events.signals import reports_changed
        from peacekeeper.watch.matching import on_reports_changed
        from peacekeeper.watch.report_marks import sigevent_marks, sigevent_section

        # Reports entered, imported, corrected or validated are matched against the CCIRs at once.
        reports_changed.connect(on_reports_changed, dispatch_uid="watch.matching")
        # The SIGEVENT flag on the log's rows and the report page, and the page's SIGEVENT section.
        register_report_marks("watch.sigevent", sigevent_marks)
        register_report_section("watch.sigevent", sigevent_section)
