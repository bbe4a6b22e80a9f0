"""CCIRs kept: created and changed by the roles that may (administrators: the duty officer's desk), each
rule checked strictly (`rules.parse_rule`), each label one the writer may apply (`access.releasing`);
and the scenario's seed CCIRs (`ccirs.json` of the theatre's folder) loaded with the theatre.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import default_marking, record_release, release_decision, resolve_label
from peacekeeper.core.errors import FieldError, InputError, NotAllowed
from peacekeeper.theatre.loading import SCENARIO_ROOT, Counts, _read
from peacekeeper.watch.matching import match_reports, theatre
from peacekeeper.watch.models import Ccir
from peacekeeper.watch.rules import CcirRule, RuleError, parse_rule

# Who keeps the CCIRs: the commander's staff at the duty officer's desk (the administrators here; the
# product has no duty-officer role of its own).
KEEPING_ROLES = frozenset({Role.ADMIN})

SEED_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


def may_keep(user: User | AnonymousUser | None) -> bool:
    return policy.may_act(user, KEEPING_ROLES)


def visible_ccirs(user: User | AnonymousUser | None) -> QuerySet[Ccir]:
    return policy.visible(Ccir.objects.all(), user)


def _checked(*, title: str, rule: object) -> tuple[str, CcirRule]:
    errors = []
    title = (title or "").strip()
    if not title:
        errors.append(FieldError("title", "a CCIR needs a title"))
    elif len(title) > 200:
        errors.append(FieldError("title", "at most 200 characters"))
    parsed = None
    try:
        parsed = parse_rule(rule, theatre=theatre())
    except RuleError as error:
        errors += error.errors
    if errors:
        raise InputError(errors)
    return title, parsed


def stored_rule(rule: CcirRule) -> dict:
    """The rule as stored: its conditions only, lists as lists."""
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in rule.conditions().items()
    }


def create_ccir(
    *, user: User, title: str, rule: object, description: str = "", marking: str = "", active: bool = True
) -> Ccir:
    if not may_keep(user):
        raise NotAllowed("only administrators (the duty officer's desk) keep the CCIRs")
    title, parsed = _checked(title=title, rule=rule)
    label = resolve_label(marking=marking or default_marking(user), user=user)
    with transaction.atomic():
        ccir = Ccir.objects.create(
            title=title,
            description=description.strip(),
            rule=stored_rule(parsed),
            active=active,
            label=label,
            created_by=user,
        )
        record_access(user=user, action=AuditEntry.Action.CREATED, record=ccir)
    # Reports already in the log that it matches are SIGEVENTs too (recent ones raise a banner).
    match_reports(None)
    return ccir


def change_ccir(
    *,
    user: User,
    ccir: Ccir,
    title: str,
    rule: object,
    description: str = "",
    marking: str = "",
    active: bool = True,
    release_reason: str = "",
) -> Ccir:
    """Change a CCIR the user may see (the caller looked it up through the policy)."""
    if not may_keep(user) or not policy.can_see_record(user, ccir):
        raise NotAllowed("only administrators (the duty officer's desk) keep the CCIRs")
    title, parsed = _checked(title=title, rule=rule)
    label, release = ccir.label, None
    if marking:
        label = resolve_label(marking=marking, user=user)
        if label.pk != ccir.label_id:
            release = release_decision(user=user, old=ccir.label, new=label, reason=release_reason)
    with transaction.atomic():
        ccir.title, ccir.description, ccir.active = title, description.strip(), active
        ccir.rule, ccir.label = stored_rule(parsed), label
        ccir.save()
        record_access(user=user, action=AuditEntry.Action.CHANGED, record=ccir)
        if release is not None:
            record_release(user=user, record=ccir, release=release)
    match_reports(None)
    return ccir


def load_ccirs(*, name: str = "kosovo") -> Counts:
    """The scenario's seed CCIRs (`ccirs.json`), keyed on `key`: loaded once, a reload updates title,
    description and rule but never widens the label. Refused whole, naming the CCIR and field."""
    path = SCENARIO_ROOT / name / "ccirs.json"
    counts = Counts()
    if not path.exists():
        return counts
    place = theatre()
    rows = _read(path)
    problems = []
    parsed = []
    for row in rows:
        try:
            parsed.append((row, parse_rule(row["rule"], theatre=place)))
        except RuleError as error:
            problems += [f"{row['key']}: {problem}" for problem in error.errors]
    if problems:
        raise ValueError("ccirs.json refused: " + "; ".join(problems))
    with transaction.atomic():
        for row, rule in parsed:
            ccir = Ccir.objects.filter(key=row["key"]).first()
            if ccir is None:
                ccir = Ccir(key=row["key"], label=label_from_marking(row.get("marking") or SEED_MARKING))
                counts.created += 1
            else:
                counts.updated += 1
            ccir.title = row["title"]
            ccir.description = row.get("description", "")
            ccir.rule = stored_rule(rule)
            ccir.active = row.get("active", True)
            ccir.save()
    return counts
