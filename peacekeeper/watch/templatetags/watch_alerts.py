"""`{% watch_alert_banner %}`: the alert banner on every page of a user who works the watch floor (the base
template includes it); `{% sigevent_flag report_id sigevents %}` shows a report's SIGEVENT flag."""

from django import template
from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.watch.alerts import on_watch_floor

register = template.Library()


@register.inclusion_tag("watch/partials/alert_banner.html", takes_context=True)
def watch_alert_banner(context: template.Context) -> dict:
    user: User | AnonymousUser | None = context.get("user")
    return {"show": on_watch_floor(user), "csrf_token": context.get("csrf_token")}
