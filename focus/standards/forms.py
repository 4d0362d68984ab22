from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm

from .models import Framework, Recommendation, RecommendationTheme
from .vocabulary import Body, Implementation, Response


class CompareForm(PlaceFilterForm):
    """The comparison's choices, read from a plain GET form."""

    COLUMNS = [("records", _("instruments and mechanisms")), ("countries", _("countries"))]

    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(), to_field_name="slug", required=False,
        label=_("Framework"), empty_label=None,
    )  # fmt: skip
    columns = forms.ChoiceField(choices=COLUMNS, required=False, label=_("Columns"))

    field_order = ["framework", "region", "country", "columns"]


class RecommendationFilterForm(PlaceFilterForm):
    """The recommendations' filters; the list page, the API and the exports share them."""

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
    session = forms.IntegerField(required=False, min_value=1, max_value=199, label=_("Session"))
    theme = forms.ModelChoiceField(
        queryset=RecommendationTheme.objects.all(), required=False, label=_("Theme"),
        empty_label=_("All themes"),
    )  # fmt: skip

    field_order = ["q", "region", "country", "response", "implementation", "body", "session"]

    def __init__(self, data, **kwargs):
        from focus.geo.models import Jurisdiction

        countries = Jurisdiction.objects.countries().filter(
            pk__in=Recommendation.objects.values("jurisdiction")
        )
        super().__init__(data, countries=countries, **kwargs)
