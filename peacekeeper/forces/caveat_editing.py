"""Creating and changing a caveat: one path for the API and the form, checked field by field.

Only planners and administrators keep caveats. The caveat's rule is checked by caveats.params_errors and
Caveat.clean; the unit must be one the editor may see; the release label one the editor could read
(no writing up) and no wider than the unit's (no writing down: the caveat names its unit); a change that
releases the caveat wider is a release authority's decision, with a reason (access.releasing).
Nothing is written unless everything is valid.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import LabelError, intern_label, parse_marking, spec_of
from peacekeeper.access.models import AuditEntry, Organisation
from peacekeeper.access.releasing import ReleaseRefused, decide_release, record_release
from peacekeeper.core.errors import FieldError, InputError, NotAllowed
from peacekeeper.forces.caveats import params_errors
from peacekeeper.forces.layers import visible_units
from peacekeeper.forces.models import Caveat, Unit

CAVEAT_EDITORS = frozenset({Role.PLANNER, Role.ADMIN})


@dataclass
class CaveatInput:
    kind: str
    nation: str | None = None
    unit: int | None = None
    params: dict = field(default_factory=dict)
    note: str = ""
    source: str = ""
    marking: str = "NATO RESTRICTED // REL TO KFOR"
    # Needed when a change of marking releases the caveat wider (access.releasing).
    release_reason: str = ""


def may_keep_caveats(user: User) -> bool:
    return policy.may_act(user, CAVEAT_EDITORS)


def save_caveat(*, user: User, data: CaveatInput, caveat: Caveat | None = None) -> Caveat:
    """Create a caveat (caveat=None) or change one the user may see; raises InputError on bad input."""
    if not may_keep_caveats(user) or (caveat is not None and not policy.can_edit(user, caveat)):
        raise NotAllowed("only planners and administrators keep national caveats")
    errors: list[FieldError] = []
    nation, unit = _applies_to(user, data, errors)
    errors += [_split(problem) for problem in params_errors(data.kind, data.params)]
    label = None
    try:
        spec = parse_marking(data.marking)
    except LabelError as error:
        errors.append(FieldError("marking", str(error)))
    else:
        if not policy.can_apply_label(user, spec):
            errors.append(FieldError("marking", f"you cannot release a caveat as {spec.marking}"))
        elif unit is not None and not policy.no_wider_than(spec, spec_of(unit.label)):
            # The caveat names its unit: released wider than the unit, it would show the unit to readers
            # the unit is not released to.
            errors.append(
                FieldError(
                    "marking",
                    f"a caveat on {unit} cannot be released wider than the unit ({unit.label.marking})",
                )
            )
        else:
            label = spec
    release = None
    if label is not None and caveat is not None:
        try:
            # A nation's caveat is that nation's to release (originator control).
            origin = caveat.nation or (caveat.unit.nation if caveat.unit_id else None)
            release = decide_release(
                user=user,
                old=caveat.label,
                new=label,
                reason=data.release_reason,
                originator=origin.code if origin else None,
            )
        except ReleaseRefused as refusal:
            errors.append(FieldError("marking", str(refusal)))
    if errors:
        raise InputError(errors)
    record = caveat or Caveat()
    record.kind, record.params, record.note, record.source = data.kind, data.params, data.note, data.source
    record.nation, record.unit = nation, unit
    try:
        record.clean()
    except ValidationError as error:
        raise InputError(_validation_errors(error)) from None
    with transaction.atomic():
        record.label = intern_label(label)
        record.save()
        action = AuditEntry.Action.CHANGED if caveat is not None else AuditEntry.Action.CREATED
        record_access(user=user, action=action, record=record, detail="caveat")
        if release is not None:
            record_release(user=user, record=record, release=release)
    return record


def _applies_to(
    user: User, data: CaveatInput, errors: list[FieldError]
) -> tuple[Organisation | None, Unit | None]:
    if bool(data.nation) == bool(data.unit):
        errors.append(FieldError("applies_to", "choose a nation or a unit, not both and not neither"))
        return None, None
    if data.nation:
        nation = Organisation.objects.filter(code=data.nation, kind=Organisation.Kind.NATION).first()
        if nation is None:
            errors.append(FieldError("nation", f"{data.nation!r} is not a contributing nation's code"))
        return nation, None
    unit = visible_units(user).filter(pk=data.unit).first()
    if unit is None:
        errors.append(FieldError("unit", f"no unit {data.unit} that you may see"))
    return None, unit


def _split(problem: str) -> FieldError:
    name, _, reason = problem.partition(": ")
    return FieldError(name, reason)


def _validation_errors(error: ValidationError) -> list[FieldError]:
    if hasattr(error, "error_dict"):
        return [
            FieldError(name, message) for name, messages in error.message_dict.items() for message in messages
        ]
    return [FieldError("applies_to", message) for message in error.messages]
