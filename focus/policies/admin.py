from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from focus.core.admin import HistoryTranslationAdmin
from focus.core.forms import PartialDateField, PartialDateForm
from focus.geo.models import Jurisdiction, Region

from .models import (
    Development,
    Instrument,
    InstrumentRelation,
    Mechanism,
    MechanismFigure,
    Organisation,
    Source,
)
from .vocabulary import Status


class DevelopmentForm(PartialDateForm):
    partial_dates = {"when": ("date", "date_precision")}
    when = PartialDateField(label=capfirst(_("date")))

    class Meta:
        model = Development
        exclude = ["date", "date_precision"]


class MechanismForm(PartialDateForm):
    partial_dates = {"started": ("start_date", "start_date_precision")}
    started = PartialDateField(label=capfirst(_("start date")))

    class Meta:
        model = Mechanism
        exclude = ["start_date", "start_date_precision"]


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Region.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(jurisdiction__region__code=self.value())
                | Q(jurisdiction__parent__region__code=self.value())
            )
        return queryset


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return Jurisdiction.Kind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(jurisdiction__kind=self.value())
        return queryset


class StatusFilter(admin.SimpleListFilter):
    """Filters on the derived current status (computed, so done in Python)."""

    title = _("current status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("none", _("status not known"))]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        wanted = None if self.value() == "none" else self.value()
        ids = [
            i.pk for i in queryset.prefetch_related("developments") if i.current_status == wanted
        ]
        return queryset.filter(pk__in=ids)


class DevelopmentInline(admin.TabularInline):
    """The instrument's developments in a compact table; translations on their own page."""

    model = Development
    form = DevelopmentForm
    extra = 0
    fields = ["when", "development_type", "jurisdiction", "summary_en", "confidence"]
    autocomplete_fields = ["jurisdiction"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}
    }
    show_change_link = True
    ordering = [F("date").asc(nulls_last=True), "pk"]  # type: ignore[list-item]  # Django takes expressions


class RelationInline(admin.TabularInline):
    model = InstrumentRelation
    fk_name = "from_instrument"
    extra = 0
    autocomplete_fields = ["to_instrument"]


class FigureInline(admin.TabularInline):
    model = MechanismFigure
    extra = 0
    fields = ["period", "metric", "value", "unit", "note", "confidence"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["url", "title", "publisher", "date_seen"]
    search_fields = ["url", "title", "publisher"]
    list_filter = ["date_seen"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryTranslationAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "description_en"]
    autocomplete_fields = ["countries"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Instrument)
class InstrumentAdmin(HistoryTranslationAdmin):
    list_display = [
        "title_column",
        "jurisdiction",
        "instrument_type",
        "status_column",
        "confidence",
        "needs_verification",
    ]
    list_filter = [
        RegionFilter,
        LevelFilter,
        "instrument_type",
        StatusFilter,
        "confidence",
        "needs_verification",
        "international",
    ]
    search_fields = [
        "title_en",
        "title_es",
        "title_fr",
        "title_original",
        "reference",
        "summary_en",
        "jurisdiction__name_en",
        "jurisdiction__code",
    ]
    autocomplete_fields = ["jurisdiction", "sources"]
    filter_horizontal = ["beneficiaries"]
    prepopulated_fields = {"slug": ["title_en"]}
    list_select_related = ["jurisdiction"]
    readonly_fields = ["status_column", "status_history_column"]
    inlines = [DevelopmentInline, RelationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "instrument_type",
                    "title",
                    "title_original",
                    "reference",
                    "jurisdiction",
                    "locality",
                    "international",
                    "issuing_authority",
                ]
            },
        ),
        (
            _("Status, derived from the developments below"),
            {"fields": ["status_column", "status_history_column"]},
        ),
        (
            _("Content"),
            {"fields": ["summary", "beneficiaries", "creates_mechanism", "created_mechanism_note"]},
        ),
        (_("Sources"), {"fields": ["sources"]}),
        (_("Verification"), {"fields": ["confidence", "needs_verification", "verification_note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("developments")

    @admin.display(description=_("title"), ordering="title_en")
    def title_column(self, obj):
        return obj.display_title

    @admin.display(description=_("current status"))
    def status_column(self, obj):
        change = obj.current_status_change
        if not change:
            return _("status not known")
        return f"{obj.current_status_display()} ({(change.date and change.date.isoformat()) or _('date not known')})"

    @admin.display(description=_("status history"))
    def status_history_column(self, obj):
        from focus.core.dates import format_partial_date

        return (
            "; ".join(
                f"{format_partial_date(c.date, c.date_precision)}: {Status(c.status).label}"
                for c in obj.status_history()
            )
            or "—"
        )


@admin.register(Mechanism)
class MechanismAdmin(HistoryTranslationAdmin):
    list_display = [
        "name_column",
        "acronym",
        "jurisdiction",
        "kind",
        "status",
        "confidence",
        "needs_verification",
    ]
    list_filter = [RegionFilter, LevelFilter, "kind", "status", "confidence", "needs_verification"]
    search_fields = [
        "name_en",
        "name_es",
        "name_fr",
        "name_original",
        "acronym",
        "lead_institution",
    ]
    autocomplete_fields = ["jurisdiction", "instruments", "sources"]
    filter_horizontal = ["measures", "beneficiaries"]
    list_select_related = ["jurisdiction"]
    inlines = [FigureInline]
    form = MechanismForm
    exclude = ["start_date", "start_date_precision"]

    @admin.display(description=_("name"), ordering="name_en")
    def name_column(self, obj):
        return obj.display_name


@admin.register(MechanismFigure)
class MechanismFigureAdmin(SimpleHistoryAdmin):
    list_display = ["mechanism", "period", "metric", "value", "unit", "confidence"]
    list_filter = ["metric", "confidence", "needs_verification"]
    search_fields = ["mechanism__name_en", "mechanism__acronym", "note"]
    autocomplete_fields = ["mechanism", "sources"]


@admin.register(Development)
class DevelopmentAdmin(HistoryTranslationAdmin):
    list_display = ["__str__", "jurisdiction", "instrument", "confidence", "needs_verification"]
    list_filter = [
        "development_type",
        "date_precision",
        RegionFilter,
        "confidence",
        "needs_verification",
    ]
    search_fields = [
        "summary_en",
        "summary_es",
        "summary_fr",
        "instrument__title_en",
        "instrument__reference",
        "jurisdiction__name_en",
    ]
    autocomplete_fields = ["jurisdiction", "instrument", "mechanisms", "sources"]
    list_select_related = ["jurisdiction", "instrument"]
    date_hierarchy = "date"
    form = DevelopmentForm
    exclude = ["date", "date_precision"]
