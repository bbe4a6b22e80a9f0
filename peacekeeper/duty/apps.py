from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "peacekeeper.duty"
    label = "duty"
    verbose_name = "Actions and shift handover"

    def ready(self) -> None:
        from peacekeeper.duty.report_section import report_section
        from peacekeeper.events.extensions import register_report_section

        register_report_section("duty.actions", report_section)
