"""schema.org descriptions of places and of country pages (JSON-LD)."""

from django.utils.translation import get_language

from .models import Jurisdiction


def place_json_ld(jurisdiction: Jurisdiction) -> dict:
    """A jurisdiction in schema.org terms: a Country, an AdministrativeArea in one, or the
    Organization a regional body is (its texts apply across its members' territories)."""
    if jurisdiction.kind == jurisdiction.Kind.COUNTRY:
        return {"@type": "Country", "name": jurisdiction.name, "identifier": jurisdiction.code}
    if jurisdiction.kind == jurisdiction.Kind.SUBDIVISION and jurisdiction.parent:
        return {
            "@type": "AdministrativeArea",
            "name": jurisdiction.name,
            "identifier": jurisdiction.code,
            "containedInPlace": place_json_ld(jurisdiction.parent),
        }
    return {"@type": "Organization", "name": jurisdiction.name}


def country_page_json_ld(country: Jurisdiction, url: str, description: str) -> dict:
    """A country's page as a schema.org `WebPage` about the country.

    The page is a summary of the country's protection framework, not a dataset of its
    own; the records it lists describe themselves on their pages.
    """
    data: dict = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": country.name,
        "description": description,
        "inLanguage": get_language(),
        "about": place_json_ld(country),
    }
    if country.region:
        data["about"]["containedInPlace"] = {"@type": "Place", "name": country.region.name}
    return data
