"""The editors' side of the annual report: write the introduction and analysis in each
language, preview, publish (which freezes it), and issue a new edition to correct a
published one."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from focus.core.admin import HistoryTranslationAdmin

from . import annual
from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(HistoryTranslationAdmin):
    list_display = ["__str__", "year", "edition", "published", "data_version", "preview"]
    list_filter = ["year"]
    readonly_fields = ["edition", "published", "published_by", "data_version"]
    actions = ["publish", "issue_new_edition"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            # A published edition is frozen: its texts too.
            return [f.name for f in obj._meta.fields if f.editable] + self.readonly_fields
        if obj is not None:
            return [*self.readonly_fields, "year"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("page"))
    def preview(self, obj: AnnualReport) -> str:
        url = reverse("reports:annual-report", args=[obj.year])
        if obj.is_published:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("read"))
        return format_html(
            '<a href="{}?preview=1&amp;edition={}">{}</a>', url, obj.edition, _("preview")
        )

    @admin.action(description=_("Publish the chosen reports (freezes their figures and texts)"))
    def publish(self, request, queryset):
        for report in queryset:
            try:
                annual.publish(report, request.user)
            except annual.NotAllowed as problem:
                self.message_user(request, f"{report}: {problem}", messages.ERROR)
            else:
                self.message_user(request, _("%(report)s is published.") % {"report": report})

    @admin.action(description=_("Issue a new edition of the chosen published reports"))
    def issue_new_edition(self, request, queryset):
        for report in queryset:
            try:
                draft = annual.new_edition(report)
            except annual.NotAllowed as problem:
                self.message_user(request, f"{report}: {problem}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(report)s is a draft: say what changed, then publish it.")
                    % {"report": draft},
                )
