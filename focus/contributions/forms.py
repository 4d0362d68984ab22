"""The public's forms: one per kind of contribution, all sharing who sent it and why to
trust it (a source for every fact), and a field that only robots fill in."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from focus.core.forms import PartialDateField
from focus.geo.models import Jurisdiction
from focus.library.forms import check_upload
from focus.library.vocabulary import LANGUAGE_CHOICES, DocumentKind
from focus.policies.lifecycle import DevelopmentType
from focus.policies.vocabulary import InstrumentType, MechanismKind

from .models import Credit, Kind

MAX_TEXT = 5000
MAX_SOURCES = 10


class SourcesField(forms.CharField):
    """Addresses of sources, one per line: at least one, each a web address."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sources"))
        kwargs.setdefault(
            "help_text",
            _(
                "The address (https://…) of where each fact can be checked: an official "
                "journal, a government page, a news article. One per line."
            ),
        )
        kwargs.setdefault("max_length", 3000)
        kwargs.setdefault("error_messages", {"required": _("Give at least one source.")})
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if self.required and not lines:
            raise forms.ValidationError(_("Give at least one source."), code="required")
        if len(lines) > MAX_SOURCES:
            raise forms.ValidationError(
                _("Give at most %(count)d sources.") % {"count": MAX_SOURCES}, code="max"
            )
        check = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                check(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a web address (https://…)."),
                    code="invalid",
                    params={"value": line[:100]},
                ) from None
        return lines


class CountryField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(
            Jurisdiction.objects.countries().order_by("name"),
            to_field_name="code",
            empty_label=_("Choose a country"),
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)

    def label_from_instance(self, obj):
        return obj.name


class ContributionForm(forms.Form):
    """What every contribution asks: who sends it (all optional), consent, and a trap."""

    kind: str = ""
    # The trap: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Your organisation"), required=False, max_length=300)
    contact = forms.CharField(
        label=_("How editors may reach you"),
        required=False,
        max_length=300,
        help_text=_("An e-mail address, a phone number or a handle. Optional; never published."),
    )
    credit = forms.ChoiceField(
        label=_("Credit"),
        choices=Credit.choices,
        initial=Credit.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I have read how Focus keeps what I send, and I agree."), required=True
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must be left empty."), code="trap")
        return ""

    def clean(self):
        data = super().clean()
        credit = data.get("credit")
        if credit == Credit.NAME and not data.get("name"):
            self.add_error("name", _("Give the name to credit, or choose another credit."))
        if credit == Credit.ORGANISATION and not data.get("organisation"):
            self.add_error(
                "organisation", _("Give the organisation to credit, or choose another credit.")
            )
        return data

    def proposal(self) -> dict:
        """The proposed fields, as JSON: dates as text, records by their code or slug."""
        about_them = {"website", "name", "organisation", "contact", "credit", "consent", "sources"}
        proposal = {}
        for name, value in self.cleaned_data.items():
            if name in about_them or name == "upload":
                continue
            if isinstance(value, Jurisdiction):
                value = value.code
            elif isinstance(value, tuple):  # a partial date: (date, precision)
                value = {"date": value[0].isoformat() if value[0] else None, "precision": value[1]}
            proposal[name] = value
        return proposal


def _text(label, required=True, rows=5, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class DevelopmentForm(ContributionForm):
    kind = Kind.DEVELOPMENT
    field_order = ["country", "development_type", "date", "concerns", "summary", "sources"]

    country = CountryField()
    development_type = forms.ChoiceField(
        label=_("What happened"), choices=[("", _("Choose")), *DevelopmentType.choices]
    )
    date = PartialDateField(
        label=_("When"),
        required=True,
        error_messages={"required": _("Give at least the year.")},
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD, as precise as your source."),
    )
    concerns = forms.CharField(
        label=_("The law, policy or mechanism it concerns"),
        required=False,
        max_length=500,
        help_text=_("Its name or number, if there is one."),
    )
    summary = _text(_("Describe it in a few factual lines"))
    sources = SourcesField()

    def clean_date(self):
        date, precision = self.cleaned_data["date"]
        if date is None:
            raise forms.ValidationError(_("Give at least the year."), code="required")
        return date, precision


class DocumentForm(ContributionForm):
    kind = Kind.DOCUMENT
    field_order = [
        "title", "document_kind", "country", "date", "language", "url", "upload", "summary"
    ]  # fmt: skip

    title = forms.CharField(label=_("Title"), max_length=500)
    document_kind = forms.ChoiceField(
        label=_("Kind of document"), choices=[("", _("Choose")), *DocumentKind.choices]
    )
    country = CountryField(required=False, help_text=_("The country it is about, if one."))
    date = PartialDateField(label=_("Date"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Choose")), *LANGUAGE_CHOICES]
    )
    url = forms.URLField(
        label=_("Address on the web"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the document can be read, if it is online."),
    )
    upload = forms.FileField(
        label=_("Or the file itself"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, HTML or text. Its hidden details are removed."),
    )
    summary = _text(_("What it is, in a few lines"), required=False, rows=3)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.file_kind = check_upload(upload)
        return upload

    def proposal(self) -> dict:
        proposal = super().proposal()
        proposal["file_kind"] = getattr(self, "file_kind", "")
        return proposal

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("upload") and "upload" not in self.errors:
            raise forms.ValidationError(
                _("Give the document's address on the web, or send the file."), code="required"
            )
        return data


class InstrumentForm(ContributionForm):
    kind = Kind.INSTRUMENT
    field_order = [
        "country", "instrument_type", "title", "reference", "date", "summary", "sources"
    ]  # fmt: skip

    country = CountryField()
    instrument_type = forms.ChoiceField(
        label=_("Kind of text"), choices=[("", _("Choose")), *InstrumentType.choices]
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, help_text=_("In the language it was written in.")
    )
    reference = forms.CharField(label=_("Number or reference"), required=False, max_length=200)
    date = PartialDateField(label=_("Date adopted or introduced"))
    summary = _text(_("What it does, in a few factual lines"))
    sources = SourcesField()


class MechanismForm(ContributionForm):
    kind = Kind.MECHANISM
    field_order = ["country", "mechanism_kind", "name", "how_to_reach", "summary", "sources"]

    country = CountryField()
    mechanism_kind = forms.ChoiceField(
        label=_("Kind of body"), choices=[("", _("Choose")), *MechanismKind.choices]
    )
    name = forms.CharField(label=_("Name"), max_length=500)
    how_to_reach = _text(
        _("How a defender reaches it"),
        required=False,
        rows=3,
        help_text=_("Official channels only: an address, a phone line, a web form."),
    )
    summary = _text(_("What it does, in a few factual lines"))
    sources = SourcesField()


class CorrectionForm(ContributionForm):
    """A correction of one record: its fields as they are, to change; and why."""

    kind = Kind.CORRECTION

    explanation = _text(_("What is wrong, and what is right"), rows=4)
    sources = SourcesField()

    def __init__(self, *args, target=None, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.corrected = []
        for name, label, current in fields:
            self.fields[f"field_{name}"] = forms.CharField(
                label=label,
                required=False,
                max_length=MAX_TEXT,
                initial=current,
                widget=forms.Textarea(attrs={"rows": 2 if len(current) < 120 else 5}),
            )
            self.corrected.append((name, current))
        self.order_fields(
            [f"field_{name}" for name, _ in self.corrected] + ["explanation", "sources"]
        )

    def proposal(self) -> dict:
        changes = {}
        for name, current in self.corrected:
            proposed = self.cleaned_data.get(f"field_{name}", "").strip()
            if proposed != current.strip():
                changes[name] = {"from": current, "to": proposed}
        return {"explanation": self.cleaned_data["explanation"], "changes": changes}


FORMS: dict[str, type[ContributionForm]] = {
    Kind.DEVELOPMENT: DevelopmentForm,
    Kind.DOCUMENT: DocumentForm,
    Kind.INSTRUMENT: InstrumentForm,
    Kind.MECHANISM: MechanismForm,
}
