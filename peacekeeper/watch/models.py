"""Commander's critical information requirements (CCIRs) and the alerts reports matching them raise.

A CCIR is a rule over a report's fields, area and category (`watch.rules.CcirRule`, stored as JSON in
`Ccir.rule` and validated strictly before it is stored). A report that matches a CCIR is a significant
event (SIGEVENT): one `Alert` per (report, CCIR), raised when the report is entered, imported, corrected
or validated (`watch.matching`, a `reports_changed` receiver).

Releasability: a CCIR is a releasable record of its own (`Labelled`). An alert carries its report's label,
kept equal to it when the report is relabelled; it is shown only to a reader who may see both its label
(the report's) and its CCIR's (`watch.alerts.visible_alerts`). Hidden and missing answer alike.
"""

from django.conf import settings
from django.db import models

from peacekeeper.access.models import Labelled
from peacekeeper.events.models import EventReport


class Ccir(Labelled):
    """A commander's critical information requirement: a title and a rule reports are matched against.

    `rule` is a JSON object of conditions, all of which must hold (see `watch.rules.CcirRule`); write it
    through `watch.ccirs.create_ccir` / `change_ccir`, which refuse a bad rule naming the field and reason.
    An inactive CCIR matches nothing new; the alerts it raised stay.
    """

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    rule = models.JSONField(default=dict)
    active = models.BooleanField(default=True)
    # A stable key for seed data (the scenario's ccirs.json), so loading twice changes nothing.
    key = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = "CCIR"
        verbose_name_plural = "CCIRs"
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""), name="unique_ccir_key"),
        ]

    def __str__(self) -> str:
        return self.title


class Alert(Labelled):
    """A report matched a CCIR: the report is a SIGEVENT, and the watch floor is alerted.

    One per (report, CCIR). `label` is the report's label (kept equal to it); read alerts only through
    `watch.alerts.visible_alerts(user)`, which also requires the CCIR to be visible. `announced` is False
    for a report that occurred long before it was matched (an old record imported): it is flagged as a
    SIGEVENT but raises no banner. Open = announced and not acknowledged; an open alert older than
    `settings.PEACEKEEPER_ALERT_ESCALATE_MINUTES` is escalated (`escalated_at` set, once).
    """

    report = models.ForeignKey(EventReport, on_delete=models.CASCADE, related_name="watch_alerts")
    ccir = models.ForeignKey(Ccir, on_delete=models.CASCADE, related_name="alerts")
    raised_at = models.DateTimeField(db_index=True)
    announced = models.BooleanField(default=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "ccir"], name="unique_alert_report_ccir"),
        ]
        indexes = [
            models.Index(fields=["acknowledged_at", "raised_at"]),
            models.Index(fields=["escalated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.ccir} — report {self.report_id}"

    @property
    def is_open(self) -> bool:
        return self.announced and self.acknowledged_at is None
