"""What every screen of the operations log shares: the page banner and who may review reports."""

from collections.abc import Iterable

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.access.marking import banner_css_class, highest_marking
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.events.workflow import REVIEW_ROLES


def banner(labels: Iterable[ReleaseLabel]) -> dict:
    """The base template's banner: the combined marking of the records a page shows."""
    marking = highest_marking(labels)
    return {"page_marking": marking, "banner_class": banner_css_class(marking)}


def is_analyst(user: User) -> bool:
    """Analysts (and administrators) validate reports and link them into incidents."""
    return bool(policy.subject_for(user).roles & REVIEW_ROLES)
