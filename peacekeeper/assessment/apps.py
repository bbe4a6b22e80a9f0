from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "peacekeeper.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        from peacekeeper.assessment import ledger  # noqa: F401  (connects the reports_changed receiver)
