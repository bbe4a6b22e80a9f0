"""What a unit can do: the capability vocabulary shared by the registry, caveats, tasks and the optimiser."""

from django.db import models


class Capability(models.TextChoices):
    INFANTRY = "infantry", "Infantry"
    CROWD_RIOT_CONTROL = "crc", "Crowd and riot control"
    EOD = "eod", "Explosive ordnance disposal"
    ENGINEERS = "engineers", "Engineers"
    MILITARY_POLICE = "military_police", "Military police"
    MEDICAL = "medical", "Medical"
    AVIATION = "aviation", "Aviation"
    ISR = "isr", "Intelligence, surveillance and reconnaissance"
    LIAISON_MONITORING = "liaison_monitoring", "Liaison and monitoring"
    LOGISTICS = "logistics", "Logistics"


def capability_errors(values: object, *, field: str = "capabilities") -> list[str]:
    """Why a capability list is not acceptable, naming each bad entry ([] when it is)."""
    if not isinstance(values, list):
        return [f"{field}: expected a list of capability codes"]
    return [
        f"{field}[{index}]: unknown capability {value!r} (one of {', '.join(Capability.values)})"
        for index, value in enumerate(values)
        if value not in Capability.values
    ]
