from django import forms
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction, Region
from focus.policies.models import Organisation

from .vocabulary import LANGUAGE_CHOICES, DocumentKind


class LibraryFilterForm(forms.Form):
    """The library's filters, read from a plain GET form."""

    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )
    country = forms.ModelChoiceField(
        Jurisdiction.objects.countries().filter(documents__isnull=False).distinct(),
        to_field_name="code",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *DocumentKind.choices], required=False, label=_("Kind")
    )
    author = forms.ModelChoiceField(
        Organisation.objects.filter(documents__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        label=_("Author"),
        empty_label=_("All authors"),
    )
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    language = forms.ChoiceField(
        choices=[("", _("All languages")), *LANGUAGE_CHOICES], required=False, label=_("Language")
    )

    def __init__(self, data, **kwargs):
        data = data.copy()
        if data.get("country"):
            data["country"] = data["country"].upper()
        super().__init__(data, **kwargs)
