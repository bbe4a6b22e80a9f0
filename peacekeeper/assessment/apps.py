from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "peacekeeper.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        from peacekeeper.assessment.ledger import keep_cells_current
        from peacekeeper.events.signals import reports_changed

        # The day cells follow every change of the log.
        reports_changed.connect(keep_cells_current, dispatch_uid="assessment.cells")
