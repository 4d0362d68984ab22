"""The editor's side of a review: the proposal as a form of the record it would create or
change, filled in from the proposal, which the editor may edit before accepting."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from focus.core.dates import iso_partial_date
from focus.core.forms import PartialDateField, PartialDateForm
from focus.geo.models import Jurisdiction
from focus.library.models import Document
from focus.policies.models import Development, Instrument, Mechanism

from .models import Contribution, Kind
from .records import RECORDS
from .services import unique_slug

# The site's languages: each translated field has one column per language.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def _translated(field: str) -> list[str]:
    return [f"{field}_{lang}" for lang in LANGUAGES]


class DevelopmentEdit(PartialDateForm):
    partial_dates = {"when": ("date", "date_precision")}
    when = PartialDateField(label=_("Date"))

    class Meta:
        model = Development
        fields = ["development_type", "jurisdiction", "instrument", *_translated("summary")]


class InstrumentEdit(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = [
            "instrument_type",
            "jurisdiction",
            "title_original",
            *_translated("title"),
            "reference",
            *_translated("summary"),
        ]

    def save(self, commit=True):
        if not self.instance.slug:
            base = f"{self.instance.jurisdiction.code.lower()}-{self.instance.reference or self.instance.title_original}"
            self.instance.slug = unique_slug(Instrument, base)
        return super().save(commit)


class MechanismEdit(forms.ModelForm):
    class Meta:
        model = Mechanism
        fields = [
            "kind",
            "jurisdiction",
            "name_original",
            *_translated("name"),
            *_translated("how_to_reach"),
            *_translated("summary"),
        ]

    def save(self, commit=True):
        if not self.instance.slug:
            base = f"{self.instance.jurisdiction.code.lower()}-{self.instance.name_original}"
            self.instance.slug = unique_slug(Mechanism, base)
        return super().save(commit)


class DocumentEdit(PartialDateForm):
    partial_dates = {"when": ("date", "date_precision")}
    when = PartialDateField(label=_("Date"))
    url = forms.URLField(
        label=_("Address on the web"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Document
        fields = ["kind", *_translated("title"), "jurisdictions", "url", *_translated("summary")]

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = unique_slug(
                Document, self.cleaned_data.get("title_en") or self._any_title()
            )
        self.instance.published = True
        return super().save(commit)

    def _any_title(self) -> str:
        return next(
            (self.cleaned_data[f] for f in _translated("title") if self.cleaned_data.get(f)), ""
        )


def _country(code: str):
    return Jurisdiction.objects.filter(code=code).first() if code else None


def _date_text(value: dict | None) -> str:
    if not value or not value.get("date"):
        return ""
    return iso_partial_date(dt.date.fromisoformat(value["date"]), value["precision"])


def editor_form(contribution: Contribution, data=None):
    """The form an editor accepts, or edits then accepts, the contribution with."""
    form = _editor_form(contribution, data)
    if form is not None:
        for field in form.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
        if "when" in form.fields:  # the date beside what happened, not at the end
            form.order_fields(["development_type", "kind", "when"])
    return form


def _editor_form(contribution: Contribution, data=None):
    p = contribution.proposal
    lang = contribution.language if contribution.language in LANGUAGES else "en"
    country = _country(p.get("country", ""))
    if contribution.kind == Kind.DEVELOPMENT:
        initial = {
            "development_type": p.get("development_type"),
            "jurisdiction": country,
            "when": _date_text(p.get("date")),
            f"summary_{lang}": p.get("summary", ""),
        }
        return DevelopmentEdit(data, initial=initial, prefix="edit")
    if contribution.kind == Kind.INSTRUMENT:
        initial = {
            "instrument_type": p.get("instrument_type"),
            "jurisdiction": country,
            "title_original": p.get("title", ""),
            "reference": p.get("reference", ""),
            f"summary_{lang}": p.get("summary", ""),
        }
        return InstrumentEdit(data, initial=initial, prefix="edit")
    if contribution.kind == Kind.MECHANISM:
        initial = {
            "kind": p.get("mechanism_kind"),
            "jurisdiction": country,
            "name_original": p.get("name", ""),
            f"how_to_reach_{lang}": p.get("how_to_reach", ""),
            f"summary_{lang}": p.get("summary", ""),
        }
        return MechanismEdit(data, initial=initial, prefix="edit")
    if contribution.kind == Kind.DOCUMENT:
        initial = {
            "kind": p.get("document_kind"),
            f"title_{lang}": p.get("title", ""),
            "jurisdictions": [country] if country else [],
            "when": _date_text(p.get("date")),
            "url": p.get("url", ""),
            f"summary_{lang}": p.get("summary", ""),
        }
        return DocumentEdit(data, initial=initial, prefix="edit")
    return correction_form(contribution, data)


def correction_form(contribution: Contribution, data=None):
    """The changed fields of the corrected record, set to the proposed values."""
    record = contribution.target
    changes = contribution.proposal.get("changes", {})
    if record is None or not changes:
        return None
    correctable = next(c for c in RECORDS.values() if isinstance(record, c.model))
    known = {
        column
        for field, _label, is_translated in correctable.fields
        for column in (_translated(field) if is_translated else [field])
    }
    fields = [name for name in changes if name in known]
    form_class = forms.modelform_factory(type(record), fields=fields)
    initial = {name: changes[name]["to"] for name in fields}
    return form_class(data, instance=record, initial=initial, prefix="edit")


CORRECTION_HELP = _("The record will be changed to these values; its history keeps the old ones.")
