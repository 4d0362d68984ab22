from typing import TYPE_CHECKING

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm

from .models import Assessment, Framework, Recommendation, RecommendationTheme
from .vocabulary import Body, Implementation, Response, Theme

if TYPE_CHECKING:
    from focus.geo.models import Jurisdiction, Region


class CompareForm(forms.Form):
    """The comparison's choices, read from a plain GET form: a framework, a region, and
    any number of countries (`?country=mex&country=col`)."""

    COLUMNS = [("records", _("instruments and mechanisms")), ("countries", _("countries"))]

    framework: forms.ModelChoiceField[Framework] = forms.ModelChoiceField(
        queryset=Framework.objects.all(), to_field_name="slug", required=False,
        label=_("Framework"), empty_label=None,
    )  # fmt: skip
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Region"),
        empty_label=_("All regions"),
    )  # fmt: skip
    country: "forms.ModelMultipleChoiceField[Jurisdiction]" = forms.ModelMultipleChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Countries"),
        help_text=_("None chosen: all. Hold Ctrl (or ⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )  # fmt: skip
    columns = forms.ChoiceField(choices=COLUMNS, required=False, label=_("Columns"))

    def __init__(self, data, **kwargs):
        from focus.geo.models import Jurisdiction, Region

        data = data.copy()
        data.setlist("country", [code.upper() for code in data.getlist("country") if code])
        super().__init__(data, **kwargs)
        self.fields["region"].queryset = Region.objects.all()
        # Countries with a published assessment of one of their records: IN subqueries,
        # not joins, which multiply rows by every rating's assessment.
        published = Assessment.objects.published()
        self.fields["country"].queryset = Jurisdiction.objects.countries().filter(
            Q(pk__in=published.values("instrument__jurisdiction"))
            | Q(pk__in=published.values("instrument__jurisdiction__parent"))
            | Q(pk__in=published.values("mechanism__jurisdiction"))
            | Q(pk__in=published.values("mechanism__jurisdiction__parent"))
        )


class RecommendationFilterForm(PlaceFilterForm):
    """Recommendations by the state under review, words of their text, the response, how
    far they were implemented, body, session, cycle, theme and recommending state. The
    list page, the API and the downloads read their filters with it.

    Related records are named as the tables name them: a theme by its English name (as
    in the `themes` column), a state by its ISO code.
    """

    q = forms.CharField(
        required=False, max_length=200, label=_("Words in the text"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )  # fmt: skip
    response = forms.ChoiceField(
        choices=[("", _("Any response")), *Response.choices], required=False, label=_("Response")
    )
    implementation = forms.ChoiceField(
        choices=[("", _("Any")), *Implementation.choices],
        required=False,
        label=_("Implementation"),
    )
    body = forms.ChoiceField(
        choices=[("", _("All bodies")), *Body.choices], required=False, label=_("Body")
    )
    session = forms.IntegerField(required=False, min_value=1, max_value=999, label=_("Session"))
    cycle = forms.IntegerField(required=False, min_value=1, max_value=99, label=_("Cycle"))
    theme: forms.ModelChoiceField[RecommendationTheme] = forms.ModelChoiceField(
        queryset=RecommendationTheme.objects.all(), to_field_name="name_en", required=False,
        label=_("Theme"), empty_label=_("All themes"),
    )  # fmt: skip
    recommending_state: "forms.ModelChoiceField[Jurisdiction]" = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Recommending state"),
        empty_label=_("All states"),
    )  # fmt: skip

    field_order = ["q", "region", "country", "response", "implementation", "body", "session"]

    def __init__(self, data, countries=None, **kwargs):
        from focus.geo.models import Jurisdiction

        data = data.copy()
        if data.get("recommending_state"):
            data["recommending_state"] = data["recommending_state"].upper()
        super().__init__(data, countries=countries, **kwargs)
        self.fields["recommending_state"].queryset = Jurisdiction.objects.countries()

    @classmethod
    def for_the_page(cls, data):
        """The list page offers only the states that received or made a recommendation."""
        from focus.geo.models import Jurisdiction

        form = cls(
            data,
            countries=Jurisdiction.objects.countries().filter(
                pk__in=Recommendation.objects.values("jurisdiction")
            ),
        )
        form.fields["recommending_state"].queryset = Jurisdiction.objects.countries().filter(
            pk__in=Recommendation.objects.values("recommending_state")
        )
        return form


class CriterionFilterForm(forms.Form):
    """Criteria by framework and theme (the API's and the downloads' filters)."""

    framework: forms.ModelChoiceField[Framework] = forms.ModelChoiceField(
        queryset=Framework.objects.all(), to_field_name="slug", required=False,
        label=_("Framework"),
    )  # fmt: skip
    theme = forms.ChoiceField(
        choices=[("", _("All themes")), *Theme.choices], required=False, label=_("Theme")
    )


class AssessmentFilterForm(PlaceFilterForm):
    """Published assessments by the place of what they assess, by framework, and only the
    latest of each record against each framework if asked."""

    framework: forms.ModelChoiceField[Framework] = forms.ModelChoiceField(
        queryset=Framework.objects.all(), to_field_name="slug", required=False,
        label=_("Framework"),
    )  # fmt: skip
    current = forms.TypedChoiceField(
        choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        label=_("Only the latest"),
        help_text=_("true: only the latest assessment of each record against each framework."),
    )

    def __init__(self, data, **kwargs):
        data = data.copy()
        if data.get("current"):
            data["current"] = data["current"].lower()
        super().__init__(data, **kwargs)
