from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Page, PublicName


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, with the full history of each record and revert."""

    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Page)
class PageAdmin(HistoryTranslationAdmin):
    list_display = ("title", "slug", "published", "updated")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(PublicName)
class PublicNameAdmin(admin.ModelAdmin):
    """Each editor sees and sets only their own public name."""

    fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_add_permission(self, request):
        return not PublicName.objects.filter(user=request.user).exists()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user == request.user)

    has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)
