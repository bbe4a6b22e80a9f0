"""API schemas of access: the banner question (the markings shown together) and its answer."""

from typing import Annotated

from ninja import Field, Schema

# A screen shows a few labels; a longer list is not a banner question (and would not fit in a URL).
MAX_MARKINGS = 100
MAX_MARKING_LENGTH = 300


class BannerQuery(Schema):
    marking: list[Annotated[str, Field(min_length=1, max_length=MAX_MARKING_LENGTH)]] = Field(
        [],
        description=f"the marking of each label shown (repeatable, at most {MAX_MARKINGS}), as the bodies "
        "that showed them gave it",
    )


class BannerOut(Schema):
    marking: str | None = Field(description="the combined marking of them all; null for none")
    css_class: str = Field(description="the banner's colour class for that marking")
