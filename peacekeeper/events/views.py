"""What every screen of the operations log shares: who may review reports."""

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.events.workflow import REVIEW_ROLES


def is_analyst(user: User) -> bool:
    """Analysts (and administrators) validate reports and link them into incidents."""
    return policy.holds_role(user, REVIEW_ROLES)
