"""Seeding makes Wagtail's root nodes again where a database lost them after its migrations (a test's flush
empties every table, the rows Wagtail's migrations made included)."""

import pytest
from wagtail.models import Collection, Page

from peacekeeper.public.models import HomePage
from peacekeeper.public.seeding import seed_public_site


@pytest.mark.django_db
def test_the_site_is_seeded_on_a_database_without_root_nodes(public_mode):
    Page.objects.all().delete()
    Collection.objects.all().delete()

    seed_public_site()

    assert Page.get_first_root_node() is not None
    assert Collection.get_first_root_node() is not None
    assert HomePage.objects.live().count() == 3  # English, Albanian and Serbian
