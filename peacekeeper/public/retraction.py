"""A page retracted in English is retracted in every language: its translations never outlive it.

The English page is the source (Locale.get_default()); unpublishing it, by hand or at its expiry, unpublishes
its live translations, and the expiry it is published with is copied to them.
"""

from wagtail.models import Locale, Page


def _is_source(page: Page) -> bool:
    return page.locale_id == Locale.get_default().pk


def unpublish_translations(sender, instance: Page, **kwargs) -> None:
    """page_unpublished receiver."""
    if not _is_source(instance):
        return
    for translation in instance.get_translations().live().specific():
        translation.unpublish(set_expired=instance.expired)


def copy_expiry_to_translations(sender, instance: Page, **kwargs) -> None:
    """page_published receiver."""
    if _is_source(instance):
        Page.objects.filter(pk__in=instance.get_translations().values("pk")).update(
            expire_at=instance.expire_at
        )
