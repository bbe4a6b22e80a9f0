"""What the CMS's uploads show the internet: renditions without metadata, documents only through Wagtail."""

from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

_GPS_IFD = 0x8825
_MAKE = 0x010F
_ORIENTATION = 0x0112


def _phone_photo() -> bytes:
    """A 40×20 JPEG as a phone writes it: camera make, GPS position (Pristina), turned 90° by its EXIF."""
    exif = PillowImage.Exif()
    exif[_MAKE] = "PhoneMaker"
    exif[_ORIENTATION] = 6
    exif[_GPS_IFD] = {1: "N", 2: (42.0, 39.0, 30.0), 3: "E", 4: (21.0, 9.0, 10.0)}
    photo = BytesIO()
    PillowImage.new("RGB", (40, 20), "olive").save(photo, format="JPEG", exif=exif)
    return photo.getvalue()


def _exif(content: bytes) -> PillowImage.Exif:
    return PillowImage.open(BytesIO(content)).getexif()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Wagtail caches renditions by image id, and ids come again after a test's rollback.
    cache.clear()
    return tmp_path


def test_the_photo_made_for_these_tests_carries_a_gps_position():
    exif = _exif(_phone_photo())
    assert exif[_MAKE] == "PhoneMaker"
    assert exif.get_ifd(_GPS_IFD)[1] == "N"


def test_an_uploaded_photo_is_stored_without_its_gps_position_and_camera(db, public_mode, media):
    image = Image.objects.create(
        title="Camp patrol", file=ContentFile(_phone_photo(), name="camp_patrol.jpg")
    )

    image.refresh_from_db()
    with image.open_file() as stored:
        content = stored.read()
    assert not _exif(content)
    assert b"PhoneMaker" not in content
    # The orientation the EXIF asked for is applied, not lost.
    assert (image.width, image.height) == PillowImage.open(BytesIO(content)).size == (20, 40)
    assert image.file_size == len(content)


def test_a_rendition_of_an_uploaded_photo_carries_no_gps_position(db, public_mode, media):
    image = Image.objects.create(
        title="Camp patrol", file=ContentFile(_phone_photo(), name="camp_patrol.jpg")
    )

    rendition = image.get_rendition("width-10")
    with rendition.file.open() as stored:
        content = stored.read()
    assert not _exif(content)
    assert b"PhoneMaker" not in content


def test_a_photo_uploaded_through_the_cms_is_stored_without_its_gps_position(client, db, public_mode, media):
    client.force_login(User.objects.create_superuser("office", password="x"))

    response = client.post(
        "/cms/images/add/",
        {
            "title": "Camp patrol",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("camp_patrol.jpg", _phone_photo(), content_type="image/jpeg"),
        },
    )

    assert response.status_code == 302
    with Image.objects.get(title="Camp patrol").open_file() as stored:
        assert not _exif(stored.read())


def test_a_rendition_is_served_and_the_original_is_not(client, db, public_mode, media):
    image = Image.objects.create(
        title="Camp patrol", file=ContentFile(_phone_photo(), name="camp_patrol.jpg")
    )
    rendition = image.get_rendition("width-10")

    assert client.get(f"/media/{rendition.file.name}").status_code == 200
    assert image.file.name.startswith("original_images/")
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_a_document_in_a_private_collection_is_not_served_from_the_upload_folder(
    client, db, public_mode, media
):
    private = Collection.get_first_root_node().add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="embargo"
    )
    document = Document.objects.create(
        title="Embargoed release",
        collection=private,
        file=ContentFile(b"PRIVATE DOC CONTENT", name="embargoed.txt"),
    )

    raw = client.get(f"/media/{document.file.name}")
    through_wagtail = client.get(document.url)

    assert raw.status_code == 404
    assert through_wagtail.status_code == 200
    assert b"PRIVATE DOC CONTENT" not in b"".join(through_wagtail)


@pytest.mark.parametrize("name", ["evil.html", "x.js", "page.svg"])
def test_a_document_that_a_browser_would_run_is_refused(db, public_mode, media, name):
    document = Document(title="Upload", file=ContentFile(b"<script>alert(1)</script>", name=name))

    with pytest.raises(ValidationError) as refused:
        document.full_clean()

    assert "file" in refused.value.message_dict
