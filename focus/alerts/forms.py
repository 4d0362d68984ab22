"""The alerts' forms: what to follow, how often, in which language, and (to subscribe)
the address to write to. Long lists (countries, groups protected) are shown grouped and
folded, so that the page stays usable without JavaScript and light."""

import re

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from focus.core.http import meaningful_query
from focus.core.text import sort_key
from focus.geo.models import Jurisdiction, Region
from focus.policies.models import Instrument, Mechanism
from focus.policies.vocabulary import Beneficiary, InstrumentType
from focus.search.forms import SearchForm
from focus.search.models import RecordType

from .models import Choices, Frequency

# The search page's parameters that make a search (its order and page do not).
SEARCH_PARAMETERS = ("q", "type", "country", "region", "author", "language", "year", "kind")
# Alerts tell of developments and documents: a search of other records would bring none.
SEARCH_TYPES = ("", RecordType.DEVELOPMENT, RecordType.DOCUMENT)
MAX_SEARCH = 1000
# An address with these is refused even where the standard allows it (quoted local parts):
# it would be hard to tell apart from a forged one.
_NOT_IN_AN_ADDRESS = re.compile(r"[\"\s<>()\[\]\\,;:\x00-\x1f\x7f]")


def saved_search(query) -> str:
    """The query string that makes a search on the search page ("" when it has no words)."""
    text = meaningful_query(query, SEARCH_PARAMETERS).removeprefix("?")
    return text if query.get("q", "").strip() else ""


def describe_search(text: str) -> str:
    """A saved search as a reader sees it: its words, then its refinements."""
    form = SearchForm(QueryDict(text))
    if not form.is_valid():
        return text
    data = form.cleaned_data
    parts = [f"“{data['q']}”"]
    for name in ("type", "country", "region", "author", "language", "year", "kind"):
        value = data.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        if name in ("type", "language"):
            value = dict(field.choices).get(value, value)  # type: ignore[attr-defined]  # ChoiceFields
        parts.append(f"{field.label or _('Kind')}: {value}")
    return "; ".join(str(part) for part in parts)


class ChoicesForm(forms.Form):
    """What a subscription follows, how often, and the language of its messages."""

    countries = forms.MultipleChoiceField(required=False, label=_("Countries"))
    regions = forms.MultipleChoiceField(required=False, label=_("Regions"))
    instrument_types = forms.MultipleChoiceField(
        choices=InstrumentType.choices, required=False, label=_("Types of instrument")
    )
    beneficiaries = forms.MultipleChoiceField(
        choices=Beneficiary.choices, required=False, label=_("Groups protected")
    )
    instrument = forms.CharField(required=False, max_length=120, label=_("Instrument"))
    mechanism = forms.CharField(required=False, max_length=120, label=_("Mechanism"))
    search = forms.CharField(required=False, max_length=MAX_SEARCH, label=_("Search"))
    frequency = forms.ChoiceField(
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        label=_("How often"),
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES, label=_("Language of the messages"), widget=forms.RadioSelect
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            data.setlist("countries", [c.strip().upper() for c in data.getlist("countries")])
            data.setlist("regions", [r.strip().lower() for r in data.getlist("regions")])
        super().__init__(data, **kwargs)
        self.fields["language"].initial = (get_language() or "en")[:2]
        self._countries = sorted(
            Jurisdiction.objects.countries().only(
                "code", "name_en", "name_es", "name_fr", "region_id"
            ),
            key=lambda c: sort_key(c.name),
        )
        self._regions = list(Region.objects.all())
        self.fields["countries"].choices = [(c.code, c.name) for c in self._countries]
        self.fields["regions"].choices = [(r.code, r.name) for r in self._regions]
        # The one instrument, mechanism or search is offered when it is asked for (by a
        # page's Follow link, or because the subscription follows it), never as a list.
        self.followed_instrument = self._record(Instrument, "instrument")
        self.followed_mechanism = self._record(Mechanism, "mechanism")

    def _value(self, name: str):
        if self.is_bound:
            return self.data.get(name, "")
        return self.initial.get(name, "")

    def _record(self, model, name: str):
        slug = self._value(name)
        return model.objects.filter(slug=slug).first() if slug else None

    def clean_instrument(self):
        return self._clean_record(self.followed_instrument, "instrument")

    def clean_mechanism(self):
        return self._clean_record(self.followed_mechanism, "mechanism")

    def _clean_record(self, record, name: str) -> str:
        slug = self.cleaned_data[name]
        if slug and record is None:
            raise forms.ValidationError(
                _("There is no record “%(slug)s” to follow: it may have been renamed."),
                code="unknown",
                params={"slug": slug[:120]},
            )
        return slug

    def clean_search(self):
        text = self.cleaned_data["search"].strip().lstrip("?")
        if not text:
            return ""
        query = QueryDict(text)
        form = SearchForm(query)
        if not form.is_valid() or not form.cleaned_data["q"]:
            raise forms.ValidationError(
                _(
                    "This search could not be read. Open it again on the search page and follow it from there."
                ),
                code="invalid",
            )
        if form.cleaned_data["type"] not in SEARCH_TYPES:
            raise forms.ValidationError(
                _(
                    "Alerts tell of new developments and documents: a search of other records would bring none."
                ),
                code="type",
            )
        return saved_search(query)

    def clean(self):
        data = super().clean()
        if not self.errors and self.choices().empty:
            raise forms.ValidationError(
                _(
                    "Choose at least one thing to follow: a country, a region, a type of "
                    "instrument or a group protected; or follow an instrument, a mechanism "
                    "or a search from its page."
                ),
                code="empty",
            )
        return data

    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(
            countries=tuple(c.lower() for c in data.get("countries", [])),
            regions=data.get("regions", []),
            instrument_types=data.get("instrument_types", []),
            beneficiaries=data.get("beneficiaries", []),
            instrument=data.get("instrument", ""),
            mechanism=data.get("mechanism", ""),
            search=data.get("search", ""),
            frequency=data.get("frequency", Frequency.IMMEDIATE),
            language=data.get("language", "en"),
        )

    # What the template shows: each option with whether it is chosen.

    def _chosen(self, name: str) -> set[str]:
        if self.is_bound:
            return set(self.data.getlist(name))  # type: ignore[attr-defined]  # a QueryDict
        value = self.initial.get(name, [])
        return {value} if isinstance(value, str) else set(value)

    def _options(self, name: str, choices) -> list[tuple[str, str, bool]]:
        chosen = self._chosen(name)
        return [(value, label, value in chosen) for value, label in choices]

    def country_groups(self) -> list[tuple[Region | None, list, int]]:
        """(region, [(code, name, chosen)], how many chosen) for each region's countries;
        countries of no region last."""
        chosen = {c.upper() for c in self._chosen("countries")}
        groups: dict[int, tuple[Region | None, list]] = {r.pk: (r, []) for r in self._regions}
        others: list = []
        for country in self._countries:
            row = (country.code, country.name, country.code in chosen)
            groups.get(country.region_id, (None, others))[1].append(row)
        result = [(r, rows, sum(1 for row in rows if row[2])) for r, rows in groups.values()]
        if others:
            result.append((None, others, sum(1 for row in others if row[2])))
        return [group for group in result if group[1]]

    def region_options(self):
        return self._options("regions", [(r.code, r.name) for r in self._regions])

    def type_options(self):
        return self._options("instrument_types", InstrumentType.choices)

    def beneficiary_options(self):
        options = self._options("beneficiaries", Beneficiary.choices)
        return sorted(options, key=lambda o: sort_key(str(o[1])))

    def beneficiaries_chosen(self) -> int:
        return sum(1 for option in self.beneficiary_options() if option[2])

    def followed(self) -> list[dict]:
        """The one instrument, mechanism and search offered, each as a box to tick."""
        rows = []
        for name, heading, record, text in (
            ("instrument", _("Instrument"), self.followed_instrument,
             self.followed_instrument and self.followed_instrument.display_title),
            ("mechanism", _("Mechanism"), self.followed_mechanism,
             self.followed_mechanism and self.followed_mechanism.display_name),
            ("search", _("Saved search"), None, describe_search(self._value("search"))),
        ):  # fmt: skip
            value = record.slug if record is not None else self._value(name)
            if value and (record is not None or name == "search"):
                rows.append(
                    {
                        "name": name,
                        "heading": heading,
                        "value": value,
                        "text": text,
                        "ticked": bool(self.data.get(name)) if self.is_bound else True,
                    }
                )
        return rows

    def followed_errors(self) -> list[str]:
        return [
            str(e)
            for name in ("instrument", "mechanism", "search")
            for e in self.errors.get(name, [])
        ]


class SubscriptionForm(ChoicesForm):
    """A new subscription: the choices and the address to confirm them from."""

    # The trap: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We write to it once to confirm, then only with the alerts you choose."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must be left empty."), code="trap")
        return ""

    def clean_email(self):
        email = self.cleaned_data["email"]
        if _NOT_IN_AN_ADDRESS.search(email):
            raise forms.ValidationError(
                _("Write the address alone, without spaces, quotes or brackets."), code="invalid"
            )
        local, _at, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"
