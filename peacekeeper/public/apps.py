from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "peacekeeper.public"
    label = "public"
    verbose_name = "Public site"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from peacekeeper.public.page_cache import bump_content_version, bump_on_change
        from peacekeeper.public.retraction import copy_expiry_to_translations, unpublish_translations
        from peacekeeper.public.search import reindex_notices
        from peacekeeper.public.uploads import strip_image_metadata
        from peacekeeper.release.models import BundleImport

        post_save.connect(reindex_notices, sender=BundleImport, dispatch_uid="public-search-notices")
        post_save.connect(
            strip_image_metadata, sender=get_image_model(), dispatch_uid="public-image-metadata"
        )
        page_unpublished.connect(unpublish_translations, dispatch_uid="public-retract-translations")
        page_published.connect(copy_expiry_to_translations, dispatch_uid="public-translations-expiry")
        # What a page shows changed: the page cache's version moves on (page_cache.py).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"public-page-cache-{signal!r}")
        post_save.connect(bump_on_change, dispatch_uid="public-page-cache-saved")
        post_delete.connect(bump_on_change, dispatch_uid="public-page-cache-deleted")
