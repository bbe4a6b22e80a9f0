from django.http import HttpRequest

from peacekeeper.access import policy
from peacekeeper.access.models import UserProfile


def current_profile(request: HttpRequest) -> dict:
    """The signed-in user's access profile, for the header (name, organisation, clearance), and whether the
    navigation offers them the audit log and a new report (only to those whose role writes records at all)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"profile": None, "reads_audit": False, "may_log": False}
    profile = UserProfile.objects.select_related("organisation").filter(user=user).first()
    return {"profile": profile, "reads_audit": policy.reads_audit(user), "may_log": policy.can_edit(user)}
