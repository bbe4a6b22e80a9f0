"""The admin's URL lookups, kept to the filters the list offers.

Django's admin filters a list by any lookup in the URL that starts at one of the model's fields
(`?camp__id__exact=3`, `?units__isnull=False`, `?location__startswith=C`). A lookup through a relation filters
by the related records, and those may be hidden from the administrator (the units at a camp they may not
see); a lookup on a field the change form withholds (a unit's location at a hidden camp) reads that field
letter by letter. Every admin here accepts only the lookups of the filters its list offers; any other is
refused (DisallowedModelAdminLookup, 400) whatever its value, so a hidden record and a missing one answer
alike.
"""

from django.contrib import admin
from django.contrib.admin.filters import SimpleListFilter
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP


class OwnFieldLookupsAdmin(admin.ModelAdmin):
    def lookup_allowed(self, lookup, value, request=None) -> bool:
        try:
            field = self.model._meta.get_field(lookup.split(LOOKUP_SEP)[0])
        except FieldDoesNotExist:
            return super().lookup_allowed(lookup, value, request)  # not a filter: Django refuses it later
        if field.name not in self._offered_filters(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def _offered_filters(self, request) -> set[str]:
        """The fields the list's own filters and date drill-down go through."""
        offered = {self.date_hierarchy} if self.date_hierarchy else set()
        for item in self.get_list_filter(request) if request is not None else self.list_filter:
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                continue  # filters by its own parameter, never by a field's lookup
            name = item[0] if isinstance(item, list | tuple) else item
            offered.add(name.split(LOOKUP_SEP)[0])
        return offered
