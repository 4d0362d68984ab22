"""The editors' back office for the network app.

Networks, their public statements and the members' resources are editorial records:
editors curate them. Members and delegations are people and their private work:
administrators alone see them here, to appoint a network's first moderators or set up a
country's delegation (everything else members do in the members' space).

Convenings: editors add and correct them (full history, like every public record), open
registration and set the number of places. Registrations are read-only: they are the
participants' own, changed only through their link; editors see them and export them
for the organisers.
"""

import csv

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from focus.core.admin import HistoryTranslationAdmin
from focus.core.forms import PartialDateField, PartialDateForm

from . import registration as registrations
from .models import Convening, Delegation, Member, Network, Registration, Resource, Statement

# Networks, statements and resources


@admin.register(Network)
class NetworkAdmin(HistoryTranslationAdmin):
    list_display = ["name", "short_name", "kind", "published", "position"]
    list_filter = ["kind", "published"]
    search_fields = ["name_en", "name_es", "name_fr", "short_name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["sources"]


@admin.register(Statement)
class StatementAdmin(HistoryTranslationAdmin):
    list_display = ["title", "network", "date", "published"]
    list_filter = ["network", "published"]
    search_fields = ["title_en", "title_es", "title_fr"]
    date_hierarchy = "date"
    autocomplete_fields = ["sources"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "standard", "document"]
    list_filter = ["network"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["standard", "document"]


# Members and delegations: administrators only (see the module's docstring)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["country", "network", "institutions_public", "created"]
    list_filter = ["network", "institutions_public"]
    search_fields = ["country__name", "institutions"]
    list_select_related = ["country", "network"]
    autocomplete_fields = ["country"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """To appoint moderators and mend a membership; applications are decided by the
    network's moderators in the members' space, and what members wrote is not here."""

    list_display = ["display_name", "network", "country", "role", "status", "applied"]
    list_filter = ["network", "role", "status"]
    search_fields = ["display_name", "user__username", "user__email"]
    list_select_related = ["network", "country", "user"]
    fields = [
        "network", "user", "display_name", "country", "role", "status",
        "parliament", "party_group", "committees", "delegation", "stakeholder_group",
        "motivation", "applied", "decided", "decided_by",
    ]  # fmt: skip
    readonly_fields = ["network", "user", "motivation", "applied", "decided", "decided_by"]
    autocomplete_fields = ["country", "delegation"]

    def has_add_permission(self, request):
        return False


# Convenings


class ConveningForm(PartialDateForm):
    partial_dates = {
        "start": ("start_date", "start_date_precision"),
        "end": ("end_date", "end_date_precision"),
    }
    start = PartialDateField(label=capfirst(_("start")))
    end = PartialDateField(label=capfirst(_("end")))

    class Meta:
        model = Convening
        exclude = ["start_date", "start_date_precision", "end_date", "end_date_precision"]


@admin.register(Convening)
class ConveningAdmin(HistoryTranslationAdmin):
    form = ConveningForm
    exclude = ["start_date", "start_date_precision", "end_date", "end_date_precision"]
    list_display = [
        "title", "kind", "display_start", "country", "registration_open", "capacity",
        "confirmed", "waiting", "published",
    ]  # fmt: skip
    list_filter = ["kind", "registration_open", "published", "attendance", "confidence"]
    search_fields = ["title_en", "title_es", "title_fr", "title_original", "organisers", "slug"]
    list_select_related = ["country"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["country", "documents", "sources"]
    filter_horizontal = ["topics", "networks"]
    fieldsets = [
        (None, {"fields": ["title", "title_original", "slug", "kind", "organisers"]}),
        (_("When and where"), {"fields": ["start", "end", "city", "country", "attendance"]}),
        (_("What"), {"fields": ["languages", "topics", "summary", "outcome", "documents"]}),
        (_("Sources"), {"fields": ["sources", "confidence", "networks", "published"]}),
        (_("Registration"), {"fields": ["registration_open", "capacity"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
                ),
                waiting_count=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
                ),
            )
        )

    @admin.display(description=_("start"), ordering="start_date")
    def display_start(self, obj: Convening) -> str:
        return obj.display_start

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj: Convening) -> int:
        return obj.confirmed_count  # type: ignore[attr-defined]  # annotated by get_queryset

    @admin.display(description=_("on the waiting list"), ordering="waiting_count")
    def waiting(self, obj: Convening) -> int:
        return obj.waiting_count  # type: ignore[attr-defined]  # annotated by get_queryset

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # More places: they go to the waiting list at once, each person told by e-mail.
        if change and "capacity" in form.changed_data:
            registrations.promote_waiting(obj)


# Registrations

EXPORT_COLUMNS = ["name", "email", "language", "status", "created"]


def _cell(value) -> str:
    """A text cell that a spreadsheet would run as a formula, made plain text (OWASP)."""
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: a registration is changed or cancelled by its holder, through its link."""

    list_display = ["name", "email", "convening", "status", "language", "created"]
    list_filter = ["status", "convening"]
    search_fields = ["name", "email", "convening__title_en"]
    list_select_related = ["convening"]
    readonly_fields = ["convening", "name", "email", "language", "status", "created"]
    exclude = ["uuid"]
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Export the chosen registrations for the organisers (CSV)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        writer = csv.writer(response)
        writer.writerow(["convening", *EXPORT_COLUMNS])
        for item in queryset.select_related("convening").order_by("convening", "created", "pk"):
            writer.writerow(
                [
                    _cell(item.convening.slug),
                    *(_cell(getattr(item, name)) for name in EXPORT_COLUMNS[:-1]),
                    item.created.isoformat(timespec="seconds"),
                ]
            )
        return response
