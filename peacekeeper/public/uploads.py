"""Uploaded images lose their metadata: a phone photo's EXIF holds where and when it was taken, and with what.

Every image the CMS stores is re-encoded once, on save, with its EXIF orientation applied and no EXIF, XMP,
IPTC or text chunks, so neither the original nor any rendition made from it can leak a camp's position.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import ImageOps

# What a clean image keeps: how to draw it (colour profile, transparent colour), nothing about its making.
_KEPT_INFO = ("icc_profile", "transparency")
# What Pillow reads from a file that says how to decode or draw it: no metadata, and a clean file has it too.
_DRAWING_INFO = {
    *_KEPT_INFO,
    *("dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe", "adobe_transform"),
    *("progressive", "progression", "gamma", "srgb", "chromaticity", "aspect"),
    *("loop", "duration", "background", "timestamp"),
}
_FORMATS = {"JPEG": {"quality": 90}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def _carries_metadata(picture: PillowImage.Image) -> bool:
    return bool(picture.getexif()) or any(key not in _DRAWING_INFO for key in picture.info)


def strip_image_metadata(sender, instance, **kwargs) -> None:
    """post_save receiver for Wagtail's image model: rewrites the stored file once, if it carries metadata."""
    with instance.open_file() as stored:
        picture = PillowImage.open(stored)
        picture_format = picture.format
        if picture_format not in _FORMATS or not _carries_metadata(picture):
            return
        animated = getattr(picture, "is_animated", False)
        # An animation keeps its frames as they are; a photo is turned the way its EXIF said to show it.
        clean = picture if animated else ImageOps.exif_transpose(picture)
        clean.info = {key: value for key, value in picture.info.items() if key in _KEPT_INFO}
        encoded = BytesIO()
        clean.save(encoded, format=picture_format, save_all=animated, **_FORMATS[picture_format])
    name = instance.file.name
    storage = instance.file.storage
    storage.delete(name)
    stored_name = storage.save(name, ContentFile(encoded.getvalue()))
    instance.file.name = stored_name
    instance.width, instance.height = clean.size
    instance._set_image_file_metadata()
    type(instance).objects.filter(pk=instance.pk).update(
        file=stored_name,
        width=instance.width,
        height=instance.height,
        file_size=instance.file_size,
        file_hash=instance.file_hash,
    )
    # A rendition made before the rewrite (none, on upload) would still carry the metadata.
    instance.renditions.all().delete()
