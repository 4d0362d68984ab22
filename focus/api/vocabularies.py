"""The controlled vocabularies behind the codes the API and the exports publish, and the
licence and citation that go with the data."""

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from focus.core.dates import DatePrecision
from focus.core.models import Confidence
from focus.geo.models import Jurisdiction
from focus.library.vocabulary import DocumentKind, FileRole
from focus.policies.lifecycle import DevelopmentType
from focus.policies.vocabulary import (
    Beneficiary,
    FigureMetric,
    InstrumentType,
    Measure,
    MechanismKind,
    MechanismStatus,
    OrganisationKind,
    RelationKind,
    Status,
    SummaryCategory,
)
from focus.standards.vocabulary import (
    ActionCategory,
    Body,
    Implementation,
    RatingValue,
    Response,
    StandardKind,
    StandardScope,
    Theme,
)

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# Named as the columns that hold their codes.
VOCABULARIES = {
    "instrument_type": InstrumentType,
    "status": Status,
    "development_type": DevelopmentType,
    "mechanism_kind": MechanismKind,
    "mechanism_status": MechanismStatus,
    "measures": Measure,
    "beneficiaries": Beneficiary,
    "organisation_kind": OrganisationKind,
    "relation_kind": RelationKind,
    "figure_metric": FigureMetric,
    "summary_category": SummaryCategory,
    "document_kind": DocumentKind,
    "file_role": FileRole,
    "jurisdiction_kind": Jurisdiction.Kind,
    "confidence": Confidence,
    "date_precision": DatePrecision,
    "standard_kind": StandardKind,
    "standard_scope": StandardScope,
    "criterion_theme": Theme,
    "rating_value": RatingValue,
    "body": Body,
    "response": Response,
    "implementation": Implementation,
    "action_category": ActionCategory,
}


# The vocabulary of each column that holds codes: by column name, or (table, column).
COLUMN_CODES = {
    "instrument_type": "instrument_type",
    "development_type": "development_type",
    "measures": "measures",
    "beneficiaries": "beneficiaries",
    "confidence": "confidence",
    "date_precision": "date_precision",
    "start_date_precision": "date_precision",
    "adoption_date_precision": "date_precision",
    ("instruments", "status"): "status",
    ("instruments", "status_history"): "status",
    ("instruments", "relations"): "relation_kind",
    ("mechanisms", "kind"): "mechanism_kind",
    ("mechanisms", "status"): "mechanism_status",
    ("mechanism_figures", "metric"): "figure_metric",
    ("documents", "kind"): "document_kind",
    ("organisations", "kind"): "organisation_kind",
    ("jurisdictions", "kind"): "jurisdiction_kind",
    ("standards", "kind"): "standard_kind",
    ("standards", "scope"): "standard_scope",
    ("criteria", "theme"): "criterion_theme",
    ("assessments", "ratings"): "rating_value",
    ("ratings", "value"): "rating_value",
    ("recommendations", "body"): "body",
    ("recommendations", "response"): "response",
    ("recommendations", "implementation"): "implementation",
    ("recommendations", "action_category"): "action_category",
}


def vocabulary_of(table: str, column: str) -> str:
    return COLUMN_CODES.get((table, column)) or COLUMN_CODES.get(column, "")


def all_labels() -> dict[str, dict[str, dict[str, str]]]:
    """{vocabulary: {code: {language: label}}} in every language of the site (numeric
    codes, such as the action categories 1 to 5, as text)."""
    labels: dict[str, dict[str, dict[str, str]]] = {}
    for name, choices in VOCABULARIES.items():
        labels[name] = {str(code): {} for code in choices.values}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for code, label in choices.choices:
                    labels[name][str(code)][language] = str(label)
    return labels


def citation(on: dt.date | None = None) -> str:
    """How to cite the data, in the active language."""
    return _(
        "Focus, Global Observatory on public policies for the protection of human rights "
        "defenders. Open data, retrieved on %(date)s from %(site)s. Licence: CC BY 4.0."
    ) % {"date": (on or dt.date.today()).isoformat(), "site": settings.SITE_URL}
