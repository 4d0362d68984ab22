from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from .dates import DatePrecision, iso_partial_date, parse_partial_date

if TYPE_CHECKING:
    from focus.geo.models import Jurisdiction, Region


class PartialDateField(forms.CharField):
    """A date as the sources give it: `2014`, `2014-06` or `2014-06-20`; empty if not known."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "help_text",
            _("YYYY, YYYY-MM or YYYY-MM-DD, as precise as the sources are. Empty: not known."),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_partial_date(text)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."),
                code="invalid",
                params={"value": text},
            ) from None


class PartialDateForm(forms.ModelForm):
    """A model form that edits each (date, precision) pair as one partial-date field.

    Subclasses list the pairs in `partial_dates = {"form field": ("date", "precision")}`.
    """

    partial_dates: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (date_field, precision_field) in self.partial_dates.items():
            if self.instance.pk:
                self.initial[name] = iso_partial_date(
                    getattr(self.instance, date_field), getattr(self.instance, precision_field)
                ).replace("unknown", "")

    def _post_clean(self):
        for name, (date_field, precision_field) in self.partial_dates.items():
            value, precision = self.cleaned_data.get(name) or (None, DatePrecision.UNKNOWN)
            setattr(self.instance, date_field, value)
            setattr(self.instance, precision_field, precision)
        super()._post_clean()


class PlaceFilterForm(forms.Form):
    """A GET form of public filters with a region and a country, both by their codes.

    Country codes are upper-case in the database and lower-case in URLs; both are read.
    """

    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Region"),
        empty_label=_("All regions"),
    )  # fmt: skip
    country: "forms.ModelChoiceField[Jurisdiction]" = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Country"),
        empty_label=_("All countries"),
    )  # fmt: skip

    def __init__(self, data, countries=None, **kwargs):
        from focus.geo.models import Jurisdiction, Region

        data = data.copy()
        if data.get("country"):
            data["country"] = data["country"].upper()
        super().__init__(data, **kwargs)
        self.fields["region"].queryset = Region.objects.all()
        self.fields["country"].queryset = (
            countries if countries is not None else Jurisdiction.objects.countries()
        )
