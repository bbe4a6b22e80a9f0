from django.http import HttpRequest

from peacekeeper.access.models import UserProfile


def current_profile(request: HttpRequest) -> dict:
    """The signed-in user's access profile, for the header (name, organisation, clearance)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"profile": None}
    profile = UserProfile.objects.select_related("organisation").filter(user=user).first()
    return {"profile": profile}
