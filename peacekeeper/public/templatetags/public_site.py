from django import template
from django.conf import settings

from peacekeeper.public import languages, navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def public_navigation(context) -> list[navigation.Link]:
    return navigation.site_navigation(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def public_languages(context) -> list[navigation.Link]:
    return navigation.language_links(context.get("page"), context["request"], settings.LANGUAGES)


@register.simple_tag
def public_language_names() -> list[tuple[str, str]]:
    """Each language's code and its name in itself (English, Shqip, Srpski, Српски), as the switcher says."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def public_home_url(context) -> str:
    return navigation.home_url(context["request"])


@register.filter
def language_tag(code: str) -> str:
    """A URL language's BCP 47 tag: `sr-Latn`, `sr-Cyrl` (languages.py)."""
    return languages.language_tag(code)
