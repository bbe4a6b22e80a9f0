"""Releasing a record to a wider audience: a release decision, not an edit.

Relabelling a record so that someone who could not read it before may read it (`policy.widens`) needs the
release-authority role (besides being allowed to edit the record) and a reason, and is audited: an
AuditEntry RELEASED under the record's new label, the reason in its detail. Narrowing a release, or
keeping it, stays open to any editor who may see the record. Earlier versions keep their own labels (a
history entry carries the label of the version it produced), so a release shows the wider audience the
record as it now is, not what it said before.

Every path that relabels a record asks `decide_release` before it saves and calls `record_release` in the
transaction that saves the new label. The writing apps (the log, posture, movement, the assessment) name a
label through `resolve_label` and ask `release_decision`, which report a refusal on the `marking` field.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model

from peacekeeper.access import policy
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import LabelError, LabelSpec, intern_label, parse_marking, spec_of
from peacekeeper.access.models import AuditEntry, ReleaseLabel, UserProfile
from peacekeeper.core.errors import FieldError, InputError


class ReleaseRefused(PermissionError):
    """The new label widens the record's release and this user may not decide that (or gave no reason).

    The message says what is needed; callers report it on the record's marking field.
    """


@dataclass(frozen=True)
class Release:
    """A decided release, to be recorded with `record_release` once the record carries its new label."""

    reason: str


def may_release(user: User | AnonymousUser | None) -> bool:
    return policy.may_act(user, (Role.RELEASE_AUTHORITY,))


def _spec(label: ReleaseLabel | LabelSpec) -> LabelSpec:
    return label if isinstance(label, LabelSpec) else spec_of(label)


def originator_of(user: User | None) -> str | None:
    """The organisation a record written by this user originates from (None: no one in particular)."""
    if user is None:
        return None
    return UserProfile.objects.filter(user=user).values_list("organisation__code", flat=True).first()


def decide_release(
    *,
    user: User | AnonymousUser | None,
    old: ReleaseLabel,
    new: ReleaseLabel | LabelSpec,
    reason: str,
    originator: str | None = None,
) -> Release | None:
    """None when relabelling from `old` to `new` shows the record to nobody new; the Release to record when
    it does and the user may decide it; ReleaseRefused, saying what is needed, otherwise.

    `originator` is the organisation (or nation) the record comes from, when it has one: only a release
    authority of that organisation or nation may release it wider (originator control), so an Italian
    authority does not publish a German report."""
    old_spec, new_spec = _spec(old), _spec(new)
    if old_spec == new_spec or not policy.widens(old_spec, new_spec):
        return None
    wider = f"{new_spec.marking} releases the record wider than {old_spec.marking}"
    subject = policy.subject_for(user)
    if not may_release(user) or not policy.can_see(subject, old_spec):
        raise ReleaseRefused(f"{wider}: only a release authority may do that")
    if originator and originator not in {subject.organisation, subject.nation}:
        raise ReleaseRefused(
            f"{wider}: only a release authority of {originator}, where it originated, may do that"
        )
    if not reason.strip():
        raise ReleaseRefused(f"{wider}: a release authority must give the reason for the release")
    return Release(reason=reason.strip())


def record_release(*, user: User, record: Model, release: Release) -> AuditEntry:
    """Audit the release under the record's new label, whatever its classification (PUBLIC included)."""
    return AuditEntry.objects.create(
        user=user,
        action=AuditEntry.Action.RELEASED,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        marking=record.label.marking,
        label=record.label,
        detail=release.reason[:255],
    )


def release_decision(
    *, user: User | None, old: ReleaseLabel, new: ReleaseLabel, reason: str, originator: str | None = None
) -> Release | None:
    """`decide_release`, its refusal reported on the marking field, as a form or the API shows it."""
    try:
        return decide_release(user=user, old=old, new=new, reason=reason, originator=originator)
    except ReleaseRefused as refusal:
        raise InputError([FieldError("marking", str(refusal))]) from None


def default_marking(user: User) -> str:
    """New records are released to the author's mission (or organisation) at NATO UNCLASSIFIED."""
    profile = UserProfile.objects.select_related("organisation").get(user=user)
    missions = list(profile.missions.values_list("code", flat=True))
    return f"NATO UNCLASSIFIED // REL TO {', '.join(missions or [profile.organisation.code])}"


def resolve_label(*, marking: str, user: User | None) -> ReleaseLabel:
    """The stored label of a marking a writer typed, refused on the marking field when it does not parse or
    the writer may not apply it (no writing up); user None is the system, which may apply any."""
    try:
        spec = parse_marking(marking)
    except LabelError as error:
        raise InputError([FieldError("marking", str(error))]) from None
    if user is not None and not policy.can_apply_label(user, spec):
        raise InputError([FieldError("marking", f"you cannot release a report as {spec.marking}")])
    return intern_label(spec)
