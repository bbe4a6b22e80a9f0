"""The CMS's sign-in refuses more guesses once a name, or a client address, has had too many wrong passwords.

Failures are counted in the database (LoginFailure), so the limit holds across the public site's processes and
restarts; Django's default cache is one per process and would not. Names and addresses are kept only as keyed
hashes.
"""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.admin.views.account import LoginView

from peacekeeper.public.clients import client_network
from peacekeeper.public.models import LoginFailure

MAX_FAILURES_PER_HOUR = 10
WINDOW = timedelta(hours=1)


def _keys(request: HttpRequest, username: str) -> list[str]:
    salt = "peacekeeper.public.login_throttle"
    return [
        salted_hmac(salt, f"name:{username.strip().casefold()}").hexdigest(),
        salted_hmac(salt, f"address:{client_network(request)}").hexdigest(),
    ]


def _throttled(keys: list[str]) -> bool:
    since = timezone.now() - WINDOW
    LoginFailure.objects.filter(at__lt=since).delete()
    return any(
        LoginFailure.objects.filter(key=key, at__gte=since).count() >= MAX_FAILURES_PER_HOUR for key in keys
    )


class ThrottledLoginView(LoginView):
    """Wagtail's sign-in, with a limit on wrong passwords per name and per client address."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        keys = _keys(request, request.POST.get("username", ""))
        if _throttled(keys):
            response = HttpResponse(
                "Too many wrong passwords for this name or from this address: try again in an hour.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(int(WINDOW.total_seconds()))
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        LoginFailure.objects.bulk_create(
            LoginFailure(key=key) for key in _keys(self.request, self.request.POST.get("username", ""))
        )
        return super().form_invalid(form)
