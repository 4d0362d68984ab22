"""The public records a correction can be about, and the fields it may change.

A correction names its record as `<record>:<key>` (`instrument:mex-dof-25-06-2012`,
`country:MEX`), as the "Suggest a correction" links write it. Translated fields are
corrected in the visitor's language.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction
from focus.library.models import Document
from focus.policies.models import Instrument, Mechanism
from focus.standards.models import Recommendation


@dataclass(frozen=True)
class Correctable:
    model: type[models.Model]
    key: str  # the field a link names the record by
    fields: tuple[tuple[str, object, bool], ...]  # (field, label, translated)

    def find(self, key: str):
        value = key.upper() if self.model is Jurisdiction else key
        queryset = self.model._default_manager.all()
        if self.model is Jurisdiction:
            queryset = Jurisdiction.objects.countries()
        if self.model is Document:
            queryset = Document.objects.public()
        if self.key == "pk" and not key.isdigit():
            return None
        return queryset.filter(**{self.key: value}).first()

    def current(self, record, language: str) -> list[tuple[str, object, str]]:
        """(column, label, value now) for each field, in `language` where translated."""
        rows = []
        for field, label, is_translated in self.fields:
            column = f"{field}_{language}" if is_translated else field
            if is_translated:
                label = format_lazy("{} ({})", label, get_language_info(language)["name_local"])
            rows.append((column, label, str(getattr(record, column, "") or "")))
        return rows


RECORDS = {
    "instrument": Correctable(
        Instrument,
        "slug",
        (
            ("title", _("Title"), True),
            ("title_original", _("Title in its own language"), False),
            ("reference", _("Number or reference"), False),
            ("issuing_authority", _("Issued by"), False),
            ("summary", _("Summary"), True),
        ),
    ),
    "mechanism": Correctable(
        Mechanism,
        "slug",
        (
            ("name", _("Name"), True),
            ("how_to_reach", _("How a defender reaches it"), True),
            ("contact_channel", _("Official channel"), False),
            ("emergency_line", _("Emergency line"), False),
            ("hours", _("Hours"), False),
            ("summary", _("Summary"), True),
        ),
    ),
    "document": Correctable(
        Document,
        "slug",
        (
            ("title", _("Title"), True),
            ("summary", _("Summary"), True),
            ("url", _("Address on the web"), False),
        ),
    ),
    # Its text is the body's own: what can be corrected is what the state did about it.
    "recommendation": Correctable(
        Recommendation,
        "pk",
        (("implementation_note", _("What the state did about it"), True),),
    ),
    # A country's own fields are names and codes: what is wrong is said in words.
    "country": Correctable(Jurisdiction, "code", ()),
}


def parse_target(text: str):
    """(record name, record) for `<record>:<key>`, or (None, None) if there is none such."""
    name, _sep, key = (text or "").partition(":")
    correctable = RECORDS.get(name)
    if correctable is None or not key:
        return None, None
    record = correctable.find(key[:200])
    return (name, record) if record is not None else (None, None)


def site_language() -> str:
    return (get_language() or "en")[:2]
