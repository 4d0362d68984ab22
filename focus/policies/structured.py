"""schema.org descriptions of records, for search engines and other machines (JSON-LD)."""

from focus.geo.structured import place_json_ld

from .lifecycle import StatusChange
from .models import Instrument, Mechanism
from .vocabulary import EFFECTIVE_STATUSES, InstrumentType, MechanismKind, Status

_LEGAL_FORCE = {
    Status.IN_FORCE: "InForce",
    Status.AMENDED: "InForce",
    Status.ADOPTED: "InForce",
    Status.REPEALED: "NotInForce",
    Status.SUSPENDED: "NotInForce",
}


def instrument_json_ld(instrument: Instrument, url: str, history: list[StatusChange]) -> dict:
    """A schema.org `Legislation` for an instrument (drafts included: it has no draft type)."""
    data: dict[str, object] = {
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
    if adopted and adopted.date and adopted.date_precision == "day":
        data["legislationDate"] = adopted.date.isoformat()
    if history and history[-1].status in _LEGAL_FORCE:
        data["legislationLegalForce"] = f"https://schema.org/{_LEGAL_FORCE[history[-1].status]}"
    sources = [s.url for s in instrument.sources.all()]
    if sources:
        data["citation"] = sources
    return data


def mechanism_json_ld(mechanism: Mechanism, url: str) -> dict:
    """A schema.org `GovernmentService` for a mechanism.

    A service rather than an organisation: most mechanisms are programmes or committees
    run by a ministry, and what a reader looks for is how to obtain protection. The
    institution that runs it is the provider.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": url,
        "url": url,
        "name": str(mechanism.display_name),
        "serviceType": str(MechanismKind(mechanism.kind).label),
        "areaServed": place_json_ld(mechanism.jurisdiction),
    }
    other_names = [
        name
        for name in dict.fromkeys([mechanism.name_original, mechanism.acronym])
        if name and name != data["name"]
    ]
    if other_names:
        data["alternateName"] = other_names
    if mechanism.display_summary:
        data["description"] = str(mechanism.display_summary)
    if mechanism.lead_institution:
        data["provider"] = {"@type": "GovernmentOrganization", "name": mechanism.lead_institution}
    audiences = [str(group) for group in mechanism.beneficiaries.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    return data
