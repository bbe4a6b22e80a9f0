"""Creating users with their access attributes."""

from dataclasses import dataclass

from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.db.models import Q

from peacekeeper.access.classification import Role, parse_classification
from peacekeeper.access.models import Organisation, UserProfile


class AccessSetupError(ValueError):
    """A user definition that cannot be applied; the message names the field."""


@dataclass(frozen=True)
class UserSpec:
    username: str
    password: str
    full_name: str
    organisation: str
    nation: str | None
    missions: tuple[str, ...]
    clearance: str
    roles: tuple[str, ...]


def _organisation(code: str, *, field: str, kind: str | None = None) -> Organisation:
    try:
        organisation = Organisation.objects.get(code=code.upper())
    except Organisation.DoesNotExist:
        raise AccessSetupError(f"{field}: unknown organisation code {code!r}") from None
    if kind and organisation.kind != kind:
        raise AccessSetupError(f"{field}: {code!r} is a {organisation.get_kind_display()}, not a {kind}")
    return organisation


# The admin site's models an administrator may change; the access app's they may only view.
ADMINISTERED_APPS = ("forces", "theatre")


def _admin_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            Q(content_type__app_label__in=ADMINISTERED_APPS)
            | Q(content_type__app_label="access", codename__startswith="view_")
        )
    )


def create_or_update_user(*, spec: UserSpec) -> User:
    """Create the user, or bring an existing one in line with spec (idempotent)."""
    unknown_roles = [role for role in spec.roles if role not in Role.values]
    if unknown_roles or not spec.roles:
        raise AccessSetupError(
            f"roles: {', '.join(unknown_roles) or '(none)'} not among {', '.join(Role.values)}"
        )
    try:
        clearance = parse_classification(spec.clearance)
    except ValueError as error:
        raise AccessSetupError(f"clearance: {error}") from None
    organisation = _organisation(spec.organisation, field="organisation")
    nation = (
        _organisation(spec.nation, field="nation", kind=Organisation.Kind.NATION) if spec.nation else None
    )
    missions = [
        _organisation(code, field="missions", kind=Organisation.Kind.MISSION) for code in spec.missions
    ]
    first, _, last = spec.full_name.partition(" ")
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = first, last
        # An administrator is staff, never a superuser: a superuser could edit anyone's account and act as
        # them. Access attributes are set here (the operator's `createuser`), not through the web.
        user.is_staff, user.is_superuser = Role.ADMIN in spec.roles, False
        user.set_password(spec.password)
        user.save()
        user.user_permissions.set(_admin_permissions() if user.is_staff else [])
        profile, _ = UserProfile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "nation": nation,
                "clearance": clearance,
                "roles": list(spec.roles),
            },
        )
        profile.missions.set(missions)
    return user


# The demo cast: one user per role, from six nations and one partner organisation.
DEMO_USERS = (
    UserSpec(
        "watchkeeper",
        "watch-demo-2026",
        "Anna Schmidt",
        "DEU",
        "DEU",
        ("KFOR",),
        "NATO RESTRICTED",
        (Role.WATCHKEEPER,),
    ),
    UserSpec(
        "analyst",
        "analyst-demo-2026",
        "Marco Rossi",
        "ITA",
        "ITA",
        ("KFOR",),
        "NATO SECRET",
        (Role.ANALYST, Role.RELEASE_AUTHORITY),
    ),
    UserSpec(
        "planner",
        "planner-demo-2026",
        "Jordan Miller",
        "USA",
        "USA",
        ("KFOR",),
        "NATO SECRET",
        (Role.PLANNER,),
    ),
    UserSpec(
        "liaison",
        "liaison-demo-2026",
        "Zsofia Kovacs",
        "HUN",
        "HUN",
        ("KFOR",),
        "NATO CONFIDENTIAL",
        (Role.LIAISON,),
    ),
    UserSpec(
        "pressofficer",
        "press-demo-2026",
        "Elif Yilmaz",
        "TUR",
        "TUR",
        ("KFOR",),
        "NATO UNCLASSIFIED",
        (Role.PUBLIC_AFFAIRS,),
    ),
    UserSpec(
        "eulex", "eulex-demo-2026", "Petra Novak", "EULEX", None, (), "NATO RESTRICTED", (Role.PARTNER,)
    ),
    UserSpec(
        "admin", "admin-demo-2026", "Lars Nielsen", "DNK", "DNK", ("KFOR",), "NATO SECRET", (Role.ADMIN,)
    ),
    UserSpec(
        "security",
        "security-demo-2026",
        "Katrin Weber",
        "DEU",
        "DEU",
        ("KFOR",),
        "NATO SECRET",
        (Role.SECURITY_OFFICER,),
    ),
)


def create_demo_users() -> list[UserSpec]:
    for spec in DEMO_USERS:
        create_or_update_user(spec=spec)
    return list(DEMO_USERS)
