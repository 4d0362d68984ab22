from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Page


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, with the full history of each record and revert."""


@admin.register(Page)
class PageAdmin(HistoryTranslationAdmin):
    list_display = ("title", "slug", "published", "updated")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
