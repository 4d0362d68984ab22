"""The filters of the standards app's tables, as the API and the downloads read them.

Related records are named as the tables name them: a framework by its slug, a state by
its ISO code, a recommendation theme by its (English) name, as in the `themes` column.
(The recommendations page's own form, focus.standards.forms, names a theme by its id and
also searches words: the two should become one.)
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm
from focus.geo.models import Jurisdiction
from focus.standards.models import Framework, RecommendationTheme
from focus.standards.vocabulary import Body, Implementation, Response, Theme


def _framework_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Framework.objects.all(), to_field_name="slug", required=False,
        label=_("Framework"),
    )  # fmt: skip


class CriterionFilterForm(forms.Form):
    """Criteria by framework and theme."""

    framework = _framework_field()
    theme = forms.ChoiceField(
        choices=[("", _("All themes")), *Theme.choices], required=False, label=_("Theme")
    )


class AssessmentFilterForm(PlaceFilterForm):
    """Published assessments by the place of what they assess, by framework, and only the
    latest of each record against each framework if asked."""

    framework = _framework_field()
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


class RecommendationFilterForm(PlaceFilterForm):
    """Recommendations by the state under review, who made them, the response, how far
    they were implemented, session, cycle, theme and recommending state."""

    body = forms.ChoiceField(
        choices=[("", _("All bodies")), *Body.choices], required=False, label=_("Body")
    )
    response = forms.ChoiceField(
        choices=[("", _("Any response")), *Response.choices], required=False, label=_("Response")
    )
    implementation = forms.ChoiceField(
        choices=[("", _("Any")), *Implementation.choices],
        required=False,
        label=_("Implementation"),
    )
    session = forms.IntegerField(required=False, min_value=1, max_value=999, label=_("Session"))
    cycle = forms.IntegerField(required=False, min_value=1, max_value=99, label=_("Cycle"))
    theme = forms.ModelChoiceField(
        queryset=RecommendationTheme.objects.all(), to_field_name="name_en", required=False,
        label=_("Theme"),
    )  # fmt: skip
    recommending_state = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.countries(), to_field_name="code", required=False,
        label=_("Recommending state"),
    )  # fmt: skip

    def __init__(self, data, **kwargs):
        data = data.copy()
        if data.get("recommending_state"):
            data["recommending_state"] = data["recommending_state"].upper()
        super().__init__(data, **kwargs)
