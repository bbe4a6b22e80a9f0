"""Creating posture options and recording decisions (append-only)."""

from django.contrib.auth.models import User
from django.db import transaction

from peacekeeper.access import policy
from peacekeeper.access.releasing import resolve_label
from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.posture.allocating import require_planner
from peacekeeper.posture.facts import visible_tasks, visible_units
from peacekeeper.posture.models import Decision, PostureOption
from peacekeeper.posture.variants import change_errors
from peacekeeper.theatre.models import Site

DEFAULT_OPTION_MARKING = "NATO RESTRICTED // REL TO KFOR"
DEFAULT_DECISION_MARKING = "NATO RESTRICTED // REL TO KFOR"


def create_option(
    *, user: User, name: str, description: str = "", changes: list, marking: str = DEFAULT_OPTION_MARKING
) -> PostureOption:
    require_planner(user)
    problems = [FieldError(field, reason) for field, reason in change_errors(changes, user=user)]
    if not name.strip():
        problems.append(FieldError("name", "required"))
    named = []
    if not problems:
        tasks = {task.pk: task for task in visible_tasks(user)}
        units = {unit.pk: unit for unit in visible_units(user)}
        camps = {camp.pk: camp for camp in policy.visible(Site.objects.select_related("label"), user)}
        for index, change in enumerate(changes):
            for field, records in (("task", tasks), ("unit", units), ("camp", camps)):
                if field in change and change[field] not in records:
                    problems.append(FieldError(f"changes[{index}].{field}", f"no such {field}"))
                elif field in change:
                    named.append(records[change[field]])
    if problems:
        raise InputError(problems)
    label = resolve_label(marking=marking, user=user)
    # No write-down: everyone who may read the option must be able to read what its changes name.
    wider = [str(record) for record in named if not policy.label_refers_to(label, record.label)]
    if wider:
        raise InputError(
            [
                FieldError(
                    "marking", f"wider than what the changes name ({', '.join(wider)}): mark it no wider"
                )
            ]
        )
    with transaction.atomic():
        return PostureOption.objects.create(
            name=name.strip(), description=description, changes=changes, created_by=user, label=label
        )


def record_decision(
    *, user: User, option_id: int, rationale: str, marking: str = DEFAULT_DECISION_MARKING
) -> Decision:
    require_planner(user)
    option = policy.visible(PostureOption.objects.all(), user).filter(pk=option_id).first()
    problems = []
    if option is None:
        problems.append(FieldError("option", "no such option"))
    if not rationale.strip():
        problems.append(FieldError("rationale", "required: say why"))
    if problems:
        raise InputError(problems)
    label = resolve_label(marking=marking, user=user)
    if not policy.label_refers_to(label, option.label):
        raise InputError(
            [
                FieldError(
                    "marking", f"wider than the option's marking ({option.label.marking}): mark it no wider"
                )
            ]
        )
    with transaction.atomic():
        return Decision.objects.create(
            option=option, decided_by=user, rationale=rationale.strip(), label=label
        )
