"""The admin's side of releasability: label choices, the no-writing-up check and release decisions.

Every admin of a releasable model (forces, theatre) builds on ReleasableAdmin, so an administrator is
cleared like any reader: the label choices hold only the labels they may apply, saving re-checks the label,
and a change of label that releases the record wider needs a release authority and a reason
(access.releasing), recorded in the audit log with the change.
"""

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from peacekeeper.access import policy
from peacekeeper.access.admin_lookups import OwnFieldLookupsAdmin
from peacekeeper.access.forms import release_reason_field
from peacekeeper.access.labels import spec_of
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.access.releasing import ReleaseRefused, decide_release, record_release


def applicable_labels(user: User | AnonymousUser) -> QuerySet[ReleaseLabel]:
    """The labels this user may put on a record (no writing up)."""
    labels = ReleaseLabel.objects.prefetch_related("categories")
    return labels.filter(
        pk__in=[label.pk for label in labels if policy.can_apply_label(user, spec_of(label))]
    )


def stored_label(record: Model) -> ReleaseLabel | None:
    """The label the record has in the database (the form may already have replaced it on the instance)."""
    if record.pk is None:
        return None
    return ReleaseLabel.objects.filter(
        pk__in=type(record).objects.filter(pk=record.pk).values("label")
    ).first()


class ReleasableForm(forms.ModelForm):
    release_reason = release_reason_field("record")


class ReleasableAdmin(OwnFieldLookupsAdmin):
    """Label choices limited to the labels the administrator may apply; checked on the form and on save."""

    form = ReleasableForm

    def label_refusal(self, user: User | AnonymousUser, record: Model) -> str | None:
        """Why this user may not save the record with its label (None when they may). Models whose
        records name others extend it (a caveat may not be released wider than its unit)."""
        if record.label_id is not None and not policy.can_apply_label(user, spec_of(record.label)):
            return f"you cannot release a record as {record.label.marking}"
        return None

    def originator(self, record: Model) -> str | None:
        """The organisation or nation the record comes from, whose release authorities alone may release it
        wider (None: any release authority)."""
        return None

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # A new record is released as its author chooses (within what they may apply): nothing to justify.
        return fields if obj is not None else [name for name in fields if name != "release_reason"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "label":
            kwargs["queryset"] = applicable_labels(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        user, refusal, origin = request.user, self.label_refusal, self.originator

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                if "label" in self.fields and cleaned.get("label") is not None:
                    record = self.instance
                    record.label = cleaned["label"]
                    if "unit" in cleaned:
                        record.unit = cleaned["unit"]
                    problem = refusal(user, record)
                    if problem:
                        self.add_error("label", problem)
                    elif (old := stored_label(record)) is not None:
                        reason = cleaned.get("release_reason", "")
                        try:
                            self.release = decide_release(
                                user=user, old=old, new=record.label, reason=reason, originator=origin(record)
                            )
                        except ReleaseRefused as refused:
                            self.add_error("label", str(refused))
                return cleaned

        return CheckedForm

    def history_view(self, request, object_id, extra_context=None):
        # Django's object history lists every change with the fields it touched, whatever the label the
        # record had then and whether those fields are withheld now; the audit log is the record of changes.
        raise PermissionDenied

    def has_delete_permission(self, request, obj=None) -> bool:
        # A record the administrator may not see is never deleted by them: the delete page then names no
        # hidden record, it only refuses.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    def save_model(self, request, obj, form, change) -> None:
        problem = self.label_refusal(request.user, obj)
        if problem:
            raise PermissionDenied(problem)
        super().save_model(request, obj, form, change)
        release = getattr(form, "release", None)
        if release is not None:
            record_release(user=request.user, record=obj, release=release)
