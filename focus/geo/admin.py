from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Jurisdiction, Region


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, with the full history of each record."""


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
