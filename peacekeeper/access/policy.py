"""The access policy: the one place that decides who may see and edit a releasable record.

Rules (docs/standards.md#release-markings, after ADatP-4774 / ABAC):
1. the reader's clearance dominates the label's classification;
2. a national-only record is seen by nationals of that nation only;
3. every RESTRICTIVE category value on the label is held by the reader;
4. for each PERMISSIVE category (REL TO), at least one value matches the reader's organisation,
   nation or a mission they serve in;
5. need-to-know: a partner user (external to the mission) sees a non-public record only when it is
   explicitly released to them (rule 4 with at least one REL TO value).

`can_see` states the rules in Python over one label; `visible_labels` states the same rules as a
database filter. Property-based tests show the two agree. Every read path calls `visible` (or
`public_only` for the public site); nothing else filters releasable models.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import Count, Exists, Max, Model, OuterRef, Q, QuerySet
from django.http import Http404

from peacekeeper.access import request_labels
from peacekeeper.access.classification import EDITING_ROLES, REL_TO, CategoryKind, Classification, Role
from peacekeeper.access.labels import LabelSpec, spec_of
from peacekeeper.access.models import AuditEntry, ReleaseCategory, ReleaseLabel, UserProfile


@dataclass(frozen=True)
class Subject:
    """The attributes of a reader that the policy looks at."""

    clearance: int
    organisation: str
    nation: str | None
    missions: frozenset[str]
    roles: frozenset[str]
    grants: frozenset[tuple[str, str]]
    active: bool = True

    @property
    def release_tokens(self) -> frozenset[str]:
        """The REL TO values that match this reader."""
        tokens = {self.organisation, *self.missions}
        if self.nation:
            tokens.add(self.nation)
        return frozenset(tokens)

    @property
    def external(self) -> bool:
        """A partner user outside any mission needs an explicit release for anything non-public."""
        return Role.PARTNER in self.roles and not self.missions


NOBODY = Subject(
    clearance=-1,
    organisation="",
    nation=None,
    missions=frozenset(),
    roles=frozenset(),
    grants=frozenset(),
    active=False,
)


def subject_for(user: User | AnonymousUser | None) -> Subject:
    """The Subject for a user, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, "_access_subject", None)
    if cached is not None:
        return cached
    try:
        profile = UserProfile.objects.select_related("organisation", "nation").get(user=user)
    except UserProfile.DoesNotExist:
        subject = NOBODY  # an account without an access profile sees nothing, superuser or not
    else:
        subject = _subject_of(
            clearance=profile.clearance,
            organisation=profile.organisation.code,
            nation=profile.nation.code if profile.nation_id else None,
            missions=profile.missions.values_list("code", flat=True),
            roles=profile.roles,
            grants=profile.restrictive_grants,
        )
    user._access_subject = subject  # type: ignore[union-attr]
    return subject


def fresh_subject_for(user: User) -> Subject:
    """The Subject as the database holds it now, for a reader held longer than a request (the live stream):
    a lowered clearance, a withdrawn role or a deactivated account applies from the next call on."""
    user.is_active = User.objects.filter(pk=user.pk, is_active=True).exists()
    user._access_subject = None  # type: ignore[union-attr]
    return subject_for(user)


def fresh_subjects(user_ids: Collection[int]) -> dict[int, Subject]:
    """fresh_subject_for for several users in one query (a row per mission served in), by user id: NOBODY
    for a deactivated account, one without an access profile, or an id of no user."""
    rows = UserProfile.objects.filter(user_id__in=user_ids, user__is_active=True).values_list(
        "user_id",
        "clearance",
        "organisation__code",
        "nation__code",
        "roles",
        "restrictive_grants",
        "missions__code",
    )
    profiles: dict[int, tuple] = {}
    missions: dict[int, set[str]] = {}
    for user_id, clearance, organisation, nation, roles, grants, mission in rows:
        profiles[user_id] = (clearance, organisation, nation, roles, grants)
        missions.setdefault(user_id, set())
        if mission is not None:
            missions[user_id].add(mission)
    subjects = dict.fromkeys(user_ids, NOBODY)
    for user_id, (clearance, organisation, nation, roles, grants) in profiles.items():
        subjects[user_id] = _subject_of(
            clearance=clearance,
            organisation=organisation,
            nation=nation,
            missions=missions[user_id],
            roles=roles,
            grants=grants,
        )
    return subjects


def _subject_of(
    *,
    clearance: int,
    organisation: str,
    nation: str | None,
    missions: Iterable[str],
    roles: Iterable[str],
    grants: Iterable[object],
) -> Subject:
    """The Subject of an access profile's stored attributes (its restrictive grants read as "TAG:VALUE")."""
    parsed = set()
    for grant in grants:
        tag, _, value = str(grant).partition(":")
        parsed.add((tag.strip().upper(), value.strip().upper()))
    return Subject(
        clearance=clearance,
        organisation=organisation,
        nation=nation,
        missions=frozenset(missions),
        roles=frozenset(roles),
        grants=frozenset(parsed),
    )


def can_see(subject: Subject, label: LabelSpec) -> bool:
    if not subject.active:
        return False
    if subject.clearance < label.classification:
        return False
    if label.national_only and subject.nation != label.national_only:
        return False
    if not label.restrictive <= subject.grants:
        return False
    tokens = subject.release_tokens
    permissive = label.permissive_categories()
    if any(not (values & tokens) for values in permissive.values()):
        return False
    return not (subject.external and label.classification != Classification.PUBLIC and not label.rel_to)


def no_wider_than(outer: LabelSpec, inner: LabelSpec) -> bool:
    """Whether everyone who may see `outer` may also see `inner`: a record labelled `outer` may then show
    or refer to a record labelled `inner` (an option naming a task, a caveat naming its unit) without
    writing information down to readers the inner record is not released to.

    A sufficient test, rule by rule of `can_see`; it may refuse a pair whose reader sets happen to nest for
    other reasons (a DEU ONLY record does not cover REL TO KFOR: a German outside KFOR sees only the first).
    """
    if outer.classification < inner.classification:
        return False
    if inner.national_only and outer.national_only != inner.national_only:
        return False
    if not inner.restrictive <= outer.restrictive:
        return False
    outer_permissive = outer.permissive_categories()
    for tag, values in inner.permissive_categories().items():
        if tag not in outer_permissive or not outer_permissive[tag] <= values:
            return False
    # Readers outside the mission see a non-public record only when it is released to them by name.
    hidden_from_partners = inner.classification != Classification.PUBLIC and not inner.rel_to
    return not hidden_from_partners or (outer.classification != Classification.PUBLIC and not outer.rel_to)


def widens(old: LabelSpec, new: LabelSpec) -> bool:
    """Whether relabelling a record from `old` to `new` may show it to a reader who could not read it before:
    a release decision (access.releasing), not an edit. As cautious as no_wider_than: a change it cannot
    prove harmless counts as widening."""
    return not no_wider_than(new, old)


def label_refers_to(outer: ReleaseLabel, inner: ReleaseLabel) -> bool:
    """no_wider_than for stored labels."""
    return outer.pk == inner.pk or no_wider_than(spec_of(outer), spec_of(inner))


def visible_labels(subject: Subject) -> QuerySet[ReleaseLabel]:
    """The labels this subject may see, as one database query (the same rules as can_see)."""
    if not subject.active:
        return ReleaseLabel.objects.none()
    labels = ReleaseLabel.objects.filter(classification__lte=subject.clearance)
    if subject.nation:
        labels = labels.filter(Q(national_only__isnull=True) | Q(national_only__code=subject.nation))
    else:
        labels = labels.filter(national_only__isnull=True)

    restrictive = ReleaseCategory.objects.filter(label=OuterRef("pk"), kind=CategoryKind.RESTRICTIVE)
    for tag, value in subject.grants:
        restrictive = restrictive.exclude(tag=tag, value=value)
    labels = labels.exclude(Exists(restrictive))

    tokens = sorted(subject.release_tokens)
    # A permissive tag on the label none of whose values match the reader blocks the label.
    matching_same_tag = ReleaseCategory.objects.filter(
        label=OuterRef(OuterRef("pk")), kind=CategoryKind.PERMISSIVE, tag=OuterRef("tag"), value__in=tokens
    )
    unmatched_tag = ReleaseCategory.objects.filter(
        label=OuterRef("pk"), kind=CategoryKind.PERMISSIVE
    ).exclude(Exists(matching_same_tag))
    labels = labels.exclude(Exists(unmatched_tag))

    if subject.external:
        released_to_them = ReleaseCategory.objects.filter(
            label=OuterRef("pk"), kind=CategoryKind.PERMISSIVE, tag=REL_TO, value__in=tokens
        )
        labels = labels.filter(Q(classification=Classification.PUBLIC) | Exists(released_to_them))
    return labels


def visible(queryset: QuerySet, user: User | AnonymousUser | None) -> QuerySet:
    """Filter a queryset of a labelled model down to what the user may see."""
    if not subject_for(user).active:
        return queryset.none()
    # The label table is small: resolving it first lets the database use a plain `label_id IN (1, 4, 9)`
    # with its indexes, instead of re-planning the policy's subqueries inside every large query.
    return queryset.filter(label_id__in=visible_label_ids(user))


def visible_label_ids(user: User | AnonymousUser | None) -> list[int]:
    """The ids of the labels this user may see: what `visible` filters on, and what a reader of rows read
    once for every label keeps (none for an inactive subject).

    Kept per process for each distinct subject: labels are interned and never change once stored, so an
    answer stays right until the label table gains a label, which changes its (count, highest id). Asked
    afresh inside a transaction, whose labels may yet be rolled back (and their ids handed out again).
    Within one request it is asked once per subject, transaction or not (`access.request_labels`).
    """
    subject = subject_for(user)
    if not subject.active:
        return []
    this_request = request_labels.this_request()
    if this_request is not None and subject in this_request.answers:
        return list(this_request.answers[subject])
    if connection.in_atomic_block:
        answer = tuple(visible_labels(subject).values_list("pk", flat=True))
        # Until this request stores a label, every label its transaction sees is committed: the answer
        # holds no id that a rollback could hand to another label.
        if this_request is not None and not this_request.label_stored:
            this_request.answers[subject] = answer
        return list(answer)
    key = (subject, tuple(ReleaseLabel.objects.aggregate(n=Count("id"), last=Max("id")).values()))
    answer = _label_answers.get(key)
    if answer is None:
        answer = _label_answers[key] = tuple(visible_labels(subject).values_list("pk", flat=True))
        if len(_label_answers) > _LABEL_ANSWERS_KEPT:
            _label_answers.clear()  # subjects or label tables no longer current; the next asks cost a query
    if this_request is not None:
        this_request.answers[subject] = answer
    return list(answer)


_label_answers: dict[tuple[Subject, tuple], tuple[int, ...]] = {}
_LABEL_ANSWERS_KEPT = 1024


def reads_audit(user: User | AnonymousUser | None) -> bool:
    """Only security officers read the audit log (and of it, only what `visible_audit_entries` leaves)."""
    return Role.SECURITY_OFFICER in subject_for(user).roles


def visible_audit_entries(
    queryset: QuerySet[AuditEntry], user: User | AnonymousUser | None
) -> QuerySet[AuditEntry]:
    """The audit entries this user may read: an entry carries the label of the record it describes, so a
    security officer reads it only where they may see that record. An entry without a label (older than
    the field, and its marking text matched no label) is read by nobody: whom it describes is unknown."""
    if not reads_audit(user):
        return queryset.none()
    return visible(queryset, user)


def public_only(queryset: QuerySet) -> QuerySet:
    """Records explicitly released as PUBLIC: the only thing the public site and anonymous readers get."""
    return queryset.filter(label__classification=Classification.PUBLIC)


def get_visible_or_404(queryset: QuerySet, user: User | AnonymousUser | None, **lookup: object) -> Model:
    """Fetch one record the user may see; a record they may not see does not exist for them (404, not 403)."""
    try:
        return visible(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from None


def can_see_record(user: User | AnonymousUser | None, record: Model) -> bool:
    return can_see(subject_for(user), spec_of(record.label))


def can_edit(user: User | AnonymousUser | None, record: Model | None = None) -> bool:
    """May the user create (record=None) or change this record?"""
    subject = subject_for(user)
    if not subject.active or subject.external or not (subject.roles & EDITING_ROLES):
        return False
    return record is None or can_see(subject, spec_of(record.label))


def holds_role(user: User | AnonymousUser | None, roles: Collection[str]) -> bool:
    """Does the user hold one of these roles (analyst, planner, …)? Whether they may write at all is
    `can_edit`'s question; `may_act` asks both."""
    return not subject_for(user).roles.isdisjoint(roles)


def may_act(user: User | AnonymousUser | None, roles: Collection[str]) -> bool:
    """May the user write, and in one of these roles? The one check of every role-bound write (planning,
    keeping caveats, recording restrictions, overriding levels)."""
    return can_edit(user) and holds_role(user, roles)


def can_apply_label(user: User | AnonymousUser | None, label: LabelSpec) -> bool:
    """A writer may only label a record with a label they could read themselves (no writing up)."""
    return can_edit(user) and can_see(subject_for(user), label)
