"""Translated content falls back to the original language, then to English."""

import pytest
from django.utils import translation

from focus.policies.tests.factories import InstrumentFactory, MechanismFactory

pytestmark = pytest.mark.django_db


def test_a_title_without_a_translation_falls_back_to_the_original_language():
    law = InstrumentFactory(
        title_en="Law for the Protection of Defenders",
        title_original="Ley para la Protección de Personas Defensoras",
        title_fr="",
    )
    with translation.override("fr"):
        assert law.display_title == "Ley para la Protección de Personas Defensoras"
    with translation.override("en"):
        assert law.display_title == "Law for the Protection of Defenders"


def test_a_translated_title_is_shown_in_its_language():
    law = InstrumentFactory(
        title_en="Law on defenders",
        title_fr="Loi sur les défenseurs",
        title_original="Ley de defensores",
    )
    with translation.override("fr"):
        assert law.display_title == "Loi sur les défenseurs"


def test_without_an_original_title_english_is_the_fallback():
    law = InstrumentFactory(title_en="Law on defenders", title_original="")
    with translation.override("es"):
        assert law.display_title == "Law on defenders"


def test_summaries_fall_back_to_english():
    law = InstrumentFactory(summary_en="Creates the protection mechanism.", summary_es="")
    with translation.override("es"):
        assert law.display_summary == "Creates the protection mechanism."
    law.summary_es = "Crea el mecanismo de protección."
    with translation.override("es"):
        assert law.display_summary == "Crea el mecanismo de protección."


def test_mechanism_names_fall_back_to_the_original_name():
    mechanism = MechanismFactory(
        name_en="National Protection Unit", name_original="Unidad Nacional de Protección"
    )
    with translation.override("es"):
        assert mechanism.display_name == "Unidad Nacional de Protección"
