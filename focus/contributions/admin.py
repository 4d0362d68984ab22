from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Contribution, Decision


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    fields = ("at", "action", "editor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """A read-only view with counts; decisions are taken on the review page."""

    list_display = ("__str__", "kind", "status", "trusted", "received", "review")
    list_filter = ("status", "kind", "trusted")
    show_facets = admin.ShowFacets.ALWAYS
    date_hierarchy = "received"
    inlines = [DecisionInline]
    exclude = ("receipt",)

    @admin.display(description=_("review"))
    def review(self, obj: Contribution) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_review_url(), _("review"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
