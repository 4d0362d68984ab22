import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Assessment,
    Criterion,
    Framework,
    GoodPractice,
    Provision,
    Rating,
    Recommendation,
    RecommendationTheme,
    Standard,
)


@register(Standard)
class StandardTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary")


@register(Provision)
class ProvisionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Assessment)
class AssessmentTranslation(TranslationOptions):
    fields = ("summary",)


@register(Rating)
class RatingTranslation(TranslationOptions):
    fields = ("justification",)


@register(RecommendationTheme)
class RecommendationThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("implementation_note",)


@register(GoodPractice)
class GoodPracticeTranslation(TranslationOptions):
    fields = ("title", "explanation")


# History after the translation fields exist, so that it records them. Frameworks and
# criteria are versioned this way: every edit is kept and can be reverted.
simple_history.register(Standard, m2m_fields=["sources"])
simple_history.register(Provision)
simple_history.register(Framework)
simple_history.register(Criterion, m2m_fields=["provisions"])
simple_history.register(Assessment)
simple_history.register(Rating)
simple_history.register(
    Recommendation,
    m2m_fields=["answered_by_instruments", "answered_by_mechanisms", "answered_by_developments"],
)
simple_history.register(GoodPractice)
