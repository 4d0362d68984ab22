"""The editors' back office for standards and the analysis: standards and their
provisions, frameworks and their criteria (versioned), assessments with their ratings
and evidence, recommendations made to states, good practices.

Every record but the recommendation themes keeps its full history (simple_history), so
an edit to a criterion or a rating can be seen and reverted.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import F, Q
from django.forms.models import BaseInlineFormSet
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from focus.core.admin import HistoryTranslationAdmin
from focus.core.forms import PartialDateField, PartialDateForm
from focus.geo.models import Jurisdiction

from .models import (
    Assessment,
    Criterion,
    Framework,
    GoodPractice,
    Provision,
    Rating,
    Recommendation,
    RecommendationTheme,
    Standard,
)

_SHORT_TEXT: dict[type[models.Field], dict[str, Any]] = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
}


# Standards and their provisions


class StandardForm(PartialDateForm):
    partial_dates = {"adopted": ("adoption_date", "adoption_date_precision")}
    adopted = PartialDateField(label=capfirst(_("adoption date")))

    class Meta:
        model = Standard
        exclude = ["adoption_date", "adoption_date_precision"]


class ProvisionForm(PartialDateForm):
    partial_dates = {"adopted": ("adoption_date", "adoption_date_precision")}
    adopted = PartialDateField(label=capfirst(_("adoption date")))

    class Meta:
        model = Provision
        exclude = ["adoption_date", "adoption_date_precision"]


class ProvisionInline(TranslationTabularInline):
    """The articles of a standard in order; their summaries and sources on their own page."""

    model = Provision
    extra = 0
    fields = ["position", "reference", "title"]
    ordering = ["position", "pk"]
    show_change_link = True


@admin.register(Standard)
class StandardAdmin(HistoryTranslationAdmin):
    form = StandardForm
    exclude = ["adoption_date", "adoption_date_precision"]
    list_display = ["code", "short_title_column", "kind", "scope", "position"]
    list_filter = ["kind", "scope"]
    search_fields = ["code", "title_en", "title_es", "title_fr", "short_title_en", "adopted_by"]
    autocomplete_fields = ["documents", "sources"]
    inlines = [ProvisionInline]

    @admin.display(description=_("short title"), ordering="short_title_en")
    def short_title_column(self, obj):
        return obj.display_short_title


@admin.register(Provision)
class ProvisionAdmin(HistoryTranslationAdmin):
    form = ProvisionForm
    exclude = ["adoption_date", "adoption_date_precision"]
    list_display = ["reference", "title_column", "standard", "position"]
    list_filter = ["standard"]
    search_fields = ["reference", "title_en", "title_es", "title_fr", "standard__code"]
    autocomplete_fields = ["standard", "sources"]
    list_select_related = ["standard"]

    @admin.display(description=_("title"), ordering="title_en")
    def title_column(self, obj):
        return obj.display_title


# Frameworks and their criteria


class CriterionInline(TranslationTabularInline):
    """The criteria of a framework; each edit is kept in the criterion's history."""

    model = Criterion
    extra = 0
    fields = ["code", "title", "theme", "position"]
    ordering = ["position", "code"]
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(HistoryTranslationAdmin):
    list_display = ["name_column", "slug", "standard", "position"]
    search_fields = ["name_en", "name_es", "name_fr", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    list_select_related = ["standard"]
    inlines = [CriterionInline]

    @admin.display(description=_("name"), ordering="name_en")
    def name_column(self, obj):
        return obj.display_name


@admin.register(Criterion)
class CriterionAdmin(HistoryTranslationAdmin):
    list_display = ["code", "title_column", "framework", "theme", "position"]
    list_filter = ["framework", "theme"]
    search_fields = ["code", "title_en", "title_es", "title_fr"]
    autocomplete_fields = ["provisions", "sources"]
    list_select_related = ["framework"]

    @admin.display(description=_("title"), ordering="title_en")
    def title_column(self, obj):
        return obj.display_title


# Assessments and their ratings


class CountryFilter(admin.SimpleListFilter):
    """The country of the assessed instrument or mechanism, or of its subdivision."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        rows = Assessment.objects.values_list(
            "instrument__jurisdiction",
            "instrument__jurisdiction__parent",
            "mechanism__jurisdiction",
            "mechanism__jurisdiction__parent",
        ).distinct()
        ids = {pk for row in rows for pk in row if pk}
        countries = Jurisdiction.objects.filter(pk__in=ids, kind=Jurisdiction.Kind.COUNTRY)
        return sorted(((c.code, str(c)) for c in countries), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        code = self.value()
        return queryset.filter(
            Q(instrument__jurisdiction__code=code)
            | Q(instrument__jurisdiction__parent__code=code)
            | Q(mechanism__jurisdiction__code=code)
            | Q(mechanism__jurisdiction__parent__code=code)
        )


class RatingForm(forms.ModelForm):
    class Meta:
        model = Rating
        fields = [
            "criterion",
            "value",
            "justification_en",
            "justification_es",
            "justification_fr",
            "source",
            "document",
            "passage",
            "quote",
            "page",
        ]

    def clean(self):
        cleaned = super().clean()
        # A rating kept from a criterion since deleted has no criterion, only its code.
        if (
            not cleaned.get("criterion")
            and not self.instance.criterion_code
            and "criterion" not in self.errors
        ):
            self.add_error("criterion", _("Choose the criterion this answer is about."))
        return cleaned


class RatingFormSet(BaseInlineFormSet):
    """The ratings of one assessment: criteria of its framework only, each rated once."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("criterion")
        if field is None:
            return
        if self.instance.framework_id:
            field.queryset = Criterion.objects.filter(framework=self.instance.framework_id)
        else:
            # A new assessment: its framework is not chosen yet, so every criterion is
            # offered with the name of its framework.
            field.queryset = Criterion.objects.select_related("framework")
            field.label_from_instance = lambda c: f"{c.framework.display_name}: {c}"
        # The same choices for every row, read once.
        if not hasattr(self, "_criterion_choices"):
            self._criterion_choices = list(field.choices)
        field.choices = self._criterion_choices

    def clean(self):
        super().clean()
        framework = self.instance.framework_id
        seen: dict[str, forms.Form] = {}
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or self._should_delete_form(form):
                continue
            criterion = cleaned.get("criterion")
            if criterion and framework and criterion.framework_id != framework:
                form.add_error("criterion", _("The criterion belongs to another framework."))
                continue
            code = criterion.code if criterion else form.instance.criterion_code
            if not code:
                continue
            if code in seen:
                form.add_error(
                    "criterion",
                    _("Criterion %(code)s is already rated in this assessment.") % {"code": code},
                )
            else:
                seen[code] = form

    def save(self, commit=True):
        # Two ratings whose criteria are swapped would meet on the unique (assessment,
        # code) while the first is saved: free the codes of the rows that move first.
        if commit:
            for form in self.initial_forms:
                if "criterion" in form.changed_data and not self._should_delete_form(form):
                    Rating.objects.filter(pk=form.instance.pk).update(
                        criterion_code=f"~{form.instance.pk}"
                    )
        return super().save(commit)


class RatingInline(TranslationStackedInline):
    """One answer per criterion. On an assessment already saved, each criterion of its
    framework not rated yet gets an empty row: rows left without an answer are ignored."""

    model = Rating
    form = RatingForm
    formset = RatingFormSet
    fields = [
        ("criterion", "criterion_as_assessed"),
        "value",
        "justification",
        ("source", "document"),
        ("passage", "page"),
        "quote",
    ]
    readonly_fields = ["criterion_as_assessed"]
    autocomplete_fields = ["source"]
    raw_id_fields = ["document"]
    formfield_overrides = _SHORT_TEXT
    ordering = [F("criterion__position").asc(nulls_last=True), "criterion_code", "pk"]  # type: ignore[list-item]  # Django takes expressions

    def get_extra(self, request, obj=None, **kwargs):
        return len(_unrated(obj)) if obj is not None and obj.pk else 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "criterion" and field is not None:
            # Criteria are edited on their framework, not from a rating's row.
            widget = field.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = False
        return field

    @admin.display(description=_("criterion as assessed"))
    def criterion_as_assessed(self, obj):
        if not obj or not obj.criterion_code:
            return "—"
        return f"{obj.criterion_code} {obj.criterion_title}".strip()


def _unrated(assessment: Assessment) -> list[Criterion]:
    rated = set(assessment.ratings.values_list("criterion_code", flat=True))
    return [c for c in assessment.framework.criteria.all() if c.code not in rated]


@admin.register(Assessment)
class AssessmentAdmin(HistoryTranslationAdmin):
    list_display = ["subject_column", "framework", "as_of", "status"]
    list_filter = ["framework", "status", CountryFilter]
    search_fields = [
        "instrument__title_en",
        "instrument__title_original",
        "instrument__reference",
        "mechanism__name_en",
        "mechanism__name_original",
        "mechanism__acronym",
        "assessed_by",
    ]
    autocomplete_fields = ["instrument", "mechanism"]
    list_select_related = ["framework", "instrument", "mechanism"]
    date_hierarchy = "as_of"
    readonly_fields = ["created_by", "created", "updated"]
    inlines = [RatingInline]
    actions = ["reassess"]
    fieldsets = [
        (
            None,
            {
                "fields": ["framework", "instrument", "mechanism", "as_of", "status"],
                "description": _("Assess either an instrument or a mechanism."),
            },
        ),
        (_("Finding"), {"fields": ["summary", "assessed_by"]}),
        (_("Record"), {"fields": ["created_by", "created", "updated"]}),
    ]

    @admin.display(description=_("assessed record"))
    def subject_column(self, obj):
        return obj.subject

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RatingInline) and obj.pk:
            kwargs["initial"] = [{"criterion": c.pk} for c in _unrated(obj)]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Re-assess: copy as a new draft dated today"), permissions=["add"])
    def reassess(self, request, queryset):
        with transaction.atomic():
            for earlier in queryset.select_related("framework", "instrument", "mechanism"):
                earlier.reassessed(by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d assessment copied as a new draft dated today, with its ratings; "
                "the earlier one is unchanged.",
                "%(count)d assessments copied as new drafts dated today, with their ratings; "
                "the earlier ones are unchanged.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Rating)
class RatingAdmin(HistoryTranslationAdmin):
    """Ratings are written on their assessment; here they can be found (for a good
    practice), corrected one by one, and their history seen and reverted."""

    list_display = ["criterion_code", "criterion_title", "value", "assessment"]
    list_filter = ["value", "assessment__framework", "assessment__status"]
    search_fields = [
        "criterion_code",
        "criterion_title",
        "justification_en",
        "assessment__instrument__title_en",
        "assessment__mechanism__name_en",
    ]
    list_select_related = [
        "assessment__framework",
        "assessment__instrument",
        "assessment__mechanism",
    ]
    fields = [
        "assessment",
        "criterion",
        "criterion_code",
        "criterion_title",
        "value",
        "justification",
        "source",
        "document",
        "passage",
        "quote",
        "page",
    ]
    readonly_fields = ["assessment", "criterion", "criterion_code", "criterion_title"]
    autocomplete_fields = ["source"]
    raw_id_fields = ["document"]

    def has_add_permission(self, request):
        return False


# Recommendations


class RecommendationThemeForm(forms.ModelForm):
    class Meta:
        model = RecommendationTheme
        fields = ["name_en", "name_es", "name_fr"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name_en" in self.fields:
            self.fields["name_en"].required = True

    def clean_name_en(self):
        name = self.cleaned_data.get("name_en", "")
        others = RecommendationTheme.objects.exclude(pk=self.instance.pk)
        # `name` alone would be read as the active language's name: rewrite(False) reads
        # the stored name, which is unique.
        if others.filter(name_en=name).exists() or others.rewrite(False).filter(name=name).exists():
            raise forms.ValidationError(_("A theme with this name already exists."))
        return name


@admin.register(RecommendationTheme)
class RecommendationThemeAdmin(TranslationAdmin):
    """Themes as UPR Info names them, in English (the name imports match on, so it is
    fixed once given); editors give them their Spanish and French names."""

    form = RecommendationThemeForm
    list_display = ["name_en", "name_es", "name_fr"]
    search_fields = ["name_en", "name_es", "name_fr"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "name_en"] if obj is not None and obj.pk else fields

    def save_model(self, request, obj, form, change):
        # The stored name is read in the active language on saving: keep it the English one.
        with translation.override("en"):
            super().save_model(request, obj, form, change)


@admin.register(Recommendation)
class RecommendationAdmin(HistoryTranslationAdmin):
    list_display = [
        "jurisdiction",
        "session",
        "recommending_column",
        "response",
        "implementation",
    ]
    list_filter = ["body", "response", "implementation", "cycle", "session", "themes"]
    search_fields = ["text", "recommended_by"]
    list_select_related = ["jurisdiction", "recommending_state"]
    autocomplete_fields = [
        "jurisdiction",
        "recommending_state",
        "answered_by_instruments",
        "answered_by_mechanisms",
        "answered_by_developments",
        "sources",
    ]
    filter_horizontal = ["themes"]
    readonly_fields = ["import_key", "created", "updated"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "jurisdiction",
                    "body",
                    ("cycle", "session", "date"),
                    "recommending_state",
                    "recommended_by",
                    "text",
                    "themes",
                    ("response", "action_category"),
                ]
            },
        ),
        (
            _("Implementation"),
            {"fields": ["implementation", "implementation_as_of", "implementation_note"]},
        ),
        (
            _("Answered by"),
            {
                "fields": [
                    "answered_by_instruments",
                    "answered_by_mechanisms",
                    "answered_by_developments",
                ]
            },
        ),
        (_("Sources"), {"fields": ["sources"]}),
        (
            _("Verification"),
            {
                "fields": [
                    "confidence",
                    "needs_verification",
                    "verification_note",
                    "contributed_by",
                ]
            },
        ),
        (_("Record"), {"fields": ["import_key", "created", "updated"]}),
    ]

    @admin.display(description=_("recommended by"), ordering="recommended_by")
    def recommending_column(self, obj):
        return obj.recommending_name


# Good practices


@admin.register(GoodPractice)
class GoodPracticeAdmin(HistoryTranslationAdmin):
    list_display = ["title_column", "criterion", "subject_column", "published"]
    list_filter = ["published", "criterion__framework"]
    search_fields = ["title_en", "title_es", "title_fr", "explanation_en"]
    autocomplete_fields = ["criterion", "instrument", "mechanism", "sources"]
    raw_id_fields = ["rating"]
    list_select_related = [
        "criterion",
        "instrument",
        "mechanism",
        "rating__assessment__instrument",
        "rating__assessment__mechanism",
    ]
    fields = [
        "title",
        "explanation",
        "criterion",
        "rating",
        "instrument",
        "mechanism",
        "published",
        "sources",
    ]

    @admin.display(description=_("title"), ordering="title_en")
    def title_column(self, obj):
        return obj.display_title

    @admin.display(description=_("about"))
    def subject_column(self, obj):
        return obj.subject or "—"
