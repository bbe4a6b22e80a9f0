from django import template
from django.conf import settings

from peacekeeper.public import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def public_navigation(context) -> list[navigation.Link]:
    return navigation.site_navigation(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def public_languages(context) -> list[navigation.Link]:
    return navigation.language_links(context.get("page"), context["request"], settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def public_home_url(context) -> str:
    return navigation.home_url(context["request"])
