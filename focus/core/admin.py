from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Page


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, with the full history of each record and revert."""

    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Page)
class PageAdmin(HistoryTranslationAdmin):
    list_display = ("title", "slug", "published", "updated")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
