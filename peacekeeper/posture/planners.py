"""Who may plan the posture: planners and administrators (others read tasks, allocations and decisions)."""

from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.access import policy
from peacekeeper.access.classification import Role

PLANNING_ROLES = frozenset({Role.PLANNER, Role.ADMIN})


def may_plan(user: User | AnonymousUser | None) -> bool:
    return policy.may_act(user, PLANNING_ROLES)
