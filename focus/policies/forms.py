from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.http import EARLIEST
from focus.geo.models import Jurisdiction, Region

from .lifecycle import DevelopmentType


class TimelineFilterForm(forms.Form):
    """The timeline's filters, read from a plain GET form."""

    SORTS = [("date", _("date, latest first")), ("added", _("latest additions first"))]

    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )
    country = forms.ModelChoiceField(
        Jurisdiction.objects.countries(),
        to_field_name="code",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    type = forms.ChoiceField(
        choices=[("", _("All types")), *DevelopmentType.choices], required=False, label=_("Type")
    )
    start = forms.DateField(
        required=False,
        label=_("From"),
        help_text=_("year-month-day"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        required=False,
        label=_("To"),
        help_text=_("year-month-day"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Order"))

    def __init__(self, data, countries=None, **kwargs):
        # Country codes are upper-case in the database, lower-case in URLs.
        data = data.copy()
        if data.get("country"):
            data["country"] = data["country"].upper()
        super().__init__(data, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = countries

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value and value < EARLIEST:
                self.add_error(name, _("Choose a date after 1900."))
        if start and end and start > end:
            self.add_error("end", _("The end of the range comes before its start."))
        return cleaned
