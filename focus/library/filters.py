from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PlaceFilterForm
from focus.geo.models import Jurisdiction
from focus.policies.models import Organisation

from .vocabulary import LANGUAGE_CHOICES, DocumentKind


class AuthorField(forms.ModelChoiceField):
    """An author of documents in the library, by its slug (the library's and the search's
    refinement)."""

    def __init__(self, **kwargs):
        super().__init__(
            Organisation.objects.filter(documents__isnull=False).distinct(),
            to_field_name="slug",
            required=False,
            label=_("Author"),
            empty_label=_("All authors"),
            **kwargs,
        )


class LibraryFilterForm(PlaceFilterForm):
    """The library's filters, read from a plain GET form."""

    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *DocumentKind.choices], required=False, label=_("Kind")
    )
    author = AuthorField()
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    language = forms.ChoiceField(
        choices=[("", _("All languages")), *LANGUAGE_CHOICES], required=False, label=_("Language")
    )

    def __init__(self, data, **kwargs):
        # A country is offered when a document is about it or about one of its subdivisions.
        countries = (
            Jurisdiction.objects.countries()
            .filter(Q(documents__isnull=False) | Q(subdivisions__documents__isnull=False))
            .distinct()
        )
        super().__init__(data, countries=countries, **kwargs)
