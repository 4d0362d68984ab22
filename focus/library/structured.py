"""schema.org descriptions of documents, for search engines and other machines (JSON-LD)."""

from collections.abc import Callable

from focus.core.dates import DatePrecision
from focus.geo.structured import place_json_ld
from focus.policies.vocabulary import OrganisationKind

from .models import Document
from .vocabulary import DocumentKind

# The closest schema.org type for each kind; the others are plain creative works (a ruling
# is not `Legislation`, and schema.org has no type for a recommendation or a guideline).
_TYPES: dict[str, str] = {
    DocumentKind.OFFICIAL_TEXT: "Legislation",
    DocumentKind.REGULATION: "Legislation",
    DocumentKind.EVALUATION: "Report",
    DocumentKind.CIVIL_SOCIETY_REPORT: "Report",
    DocumentKind.NEWS_ARTICLE: "NewsArticle",
}

_PUBLIC_BODIES = {OrganisationKind.STATE_BODY, OrganisationKind.NHRI}


def document_json_ld(document: Document, url: str, absolute: Callable[[str], str]) -> dict:
    """A schema.org description of a document; `absolute` makes a path a full URL."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": _TYPES.get(document.kind, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": str(document.display_title),
        "genre": str(DocumentKind(document.kind).label),
    }
    if document.title_original and document.title_original != data["name"]:
        data["alternateName"] = document.title_original
    # A date known only to the month or the year is stored as its first day: not a date.
    if document.date and document.date_precision == DatePrecision.DAY:
        data["datePublished"] = document.date.isoformat()
    if document.display_summary:
        data["abstract"] = str(document.display_summary)
    authors = [
        {
            "@type": "GovernmentOrganization" if org.kind in _PUBLIC_BODIES else "Organization",
            "name": org.name,
            **({"alternateName": org.acronym} if org.acronym else {}),
            **({"url": org.url} if org.url else {}),
        }
        for org in document.authors.all()
    ]
    if authors:
        data["author"] = authors
    languages = list(dict.fromkeys(f.language for f in document.files.all()))
    if languages:
        data["inLanguage"] = languages
    about = [
        {
            **place_json_ld(place),
            **({"url": absolute(link)} if (link := place.get_absolute_url()) else {}),
        }
        for place in document.jurisdictions.all()
    ]
    about += [
        {
            "@type": "Legislation",
            "name": str(i.display_title),
            "url": absolute(i.get_absolute_url()),
        }
        for i in document.instruments.all()
    ]
    about += [
        {
            "@type": "GovernmentService",
            "name": str(m.display_name),
            "url": absolute(m.get_absolute_url()),
        }
        for m in document.mechanisms.all()
    ]
    if about:
        data["about"] = about
    if document.url:
        data["sameAs"] = document.url
    return data
