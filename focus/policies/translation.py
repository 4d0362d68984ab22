import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Development,
    Instrument,
    InstrumentRelation,
    Mechanism,
    MechanismFigure,
    Organisation,
    Source,
)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Mechanism)
class MechanismTranslation(TranslationOptions):
    fields = ("name", "summary", "how_to_reach")


@register(Development)
class DevelopmentTranslation(TranslationOptions):
    fields = ("summary",)


# History is registered after the translation fields exist, so that it records them.
simple_history.register(Source)
simple_history.register(Organisation, m2m_fields=["countries"])
simple_history.register(Instrument, m2m_fields=["beneficiaries", "sources"])
simple_history.register(InstrumentRelation)
simple_history.register(
    Mechanism, m2m_fields=["instruments", "measures", "beneficiaries", "sources"]
)
simple_history.register(MechanismFigure, m2m_fields=["sources"])
simple_history.register(Development, m2m_fields=["mechanisms", "sources"])
