"""schema.org descriptions of records, for search engines and other machines (JSON-LD)."""

from .lifecycle import StatusChange
from .models import Instrument
from .vocabulary import EFFECTIVE_STATUSES, InstrumentType, Status

_LEGAL_FORCE = {
    Status.IN_FORCE: "InForce",
    Status.AMENDED: "InForce",
    Status.ADOPTED: "InForce",
    Status.REPEALED: "NotInForce",
    Status.SUSPENDED: "NotInForce",
}


def instrument_json_ld(instrument: Instrument, url: str, history: list[StatusChange]) -> dict:
    """A schema.org `Legislation` for an instrument (drafts included: it has no draft type)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": str(instrument.display_title),
        "legislationType": str(InstrumentType(instrument.instrument_type).label),
        "legislationJurisdiction": instrument.jurisdiction.name,
    }
    if instrument.title_original:
        data["alternateName"] = instrument.title_original
    if instrument.reference:
        data["legislationIdentifier"] = instrument.reference
    if instrument.issuing_authority:
        data["legislationPassedBy"] = {
            "@type": "Organization",
            "name": instrument.issuing_authority,
        }
    if instrument.display_summary:
        data["abstract"] = str(instrument.display_summary)
    adopted = next((c for c in history if c.status in EFFECTIVE_STATUSES and c.date), None)
    if adopted and adopted.date_precision == "day":
        data["legislationDate"] = adopted.date.isoformat()
    if history and history[-1].status in _LEGAL_FORCE:
        data["legislationLegalForce"] = f"https://schema.org/{_LEGAL_FORCE[history[-1].status]}"
    sources = [s.url for s in instrument.sources.all()]
    if sources:
        data["citation"] = sources
    return data
