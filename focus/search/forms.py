from django import forms
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm
from focus.core.words import MAX_QUERY
from focus.library.filters import AuthorField
from focus.library.vocabulary import LANGUAGE_CHOICES

from .models import RecordType


class SearchForm(PlaceFilterForm):
    """The search box and its refinements, read from a plain GET form."""

    ORDERS = [("relevance", _("relevance")), ("date", _("date, latest first"))]
    field_order = ["q", "type", "country", "region", "author", "language", "year", "kind", "sort"]

    # Any string is accepted; the engine reads its first MAX_QUERY characters.
    q = forms.CharField(required=False, label=_("Search for"), strip=True)
    type = forms.ChoiceField(
        choices=[("", _("All records")), *RecordType.choices], required=False, label=_("Record")
    )
    author = AuthorField()
    language = forms.ChoiceField(
        choices=[("", _("All languages")), *LANGUAGE_CHOICES], required=False, label=_("Language")
    )
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    # Set by the facets' links, not typed.
    kind = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    sort = forms.ChoiceField(choices=ORDERS, required=False, label=_("Order"))

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "maxlength": MAX_QUERY})

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "record_type": data["type"],
            "country": data["country"],
            "region": data["region"],
            "authors": data["author"],
            "language": data["language"],
            "year": data["year"],
            "kind": data["kind"],
        }
