from django.contrib import admin

from focus.core.admin import HistoryTranslationAdmin

from .models import Jurisdiction, Region


@admin.register(Region)
class RegionAdmin(HistoryTranslationAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name_en", "name_es", "name_fr", "code"]


@admin.register(Jurisdiction)
class JurisdictionAdmin(HistoryTranslationAdmin):
    list_display = ["name", "code", "kind", "region", "parent"]
    list_filter = ["kind", "region"]
    search_fields = ["name_en", "name_es", "name_fr", "code", "iso_alpha2", "official_name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["region", "parent"]
