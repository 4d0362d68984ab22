"""The standards app's vocabularies: codes are stored, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StandardKind(models.TextChoices):
    DECLARATION = "declaration", _("declaration")
    RESOLUTION = "resolution", _("resolution")
    GUIDELINES = "guidelines", _("guidelines")
    TREATY = "treaty", _("treaty")
    MODEL_LAW = "model_law", _("model law")
    MANDATE = "mandate", _("mandate")
    REPORT = "report", _("report")


class StandardScope(models.TextChoices):
    UNITED_NATIONS = "un", _("United Nations")
    REGIONAL = "regional", _("regional")
    CIVIL_SOCIETY = "civil_society", _("civil society")


class Theme(models.TextChoices):
    """The observatory's coding themes, which group criteria across frameworks."""

    BROAD_DEFINITION = "broad_definition", _("broad definition")
    PARTICIPATION = "participation", _("participation")
    LEGAL_BASIS = "legal_basis", _("legal basis")
    BUDGET = "budget", _("budget")
    INDEPENDENCE = "independence", _("independence")
    DIFFERENTIAL_APPROACH = "differential_approach", _("differential approach")
    PREVENTION = "prevention", _("prevention")
    COLLECTIVE_PROTECTION = "collective_protection", _("collective protection")
    IMPUNITY = "impunity", _("impunity")
    RISK_ANALYSIS = "risk_analysis", _("risk analysis")
    COORDINATION = "coordination", _("coordination")
    TRANSPARENCY = "transparency", _("transparency and evaluation")
    ACCESSIBILITY = "accessibility", _("accessibility")


class RatingValue(models.TextChoices):
    """How far an instrument or mechanism meets one criterion."""

    MEETS = "meets", _("meets")
    PARTLY = "partly", _("partly meets")
    DOES_NOT = "does_not", _("does not meet")
    NOT_APPLICABLE = "not_applicable", _("not applicable")
    RESTRICTIVE = "restrictive", _("contains a restrictive provision")


# Short marks beside the words, so that a matrix can be read at a glance without colour.
RATING_MARKS: dict[str, str] = {
    RatingValue.MEETS: "●",
    RatingValue.PARTLY: "◐",
    RatingValue.DOES_NOT: "○",
    RatingValue.NOT_APPLICABLE: "—",
    RatingValue.RESTRICTIVE: "✕",
}


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Body(models.TextChoices):
    """Who made a recommendation."""

    UPR = "upr", _("Universal Periodic Review")
    TREATY_BODY = "treaty_body", _("UN treaty body")
    SPECIAL_PROCEDURE = "special_procedure", _("UN special procedure")
    REGIONAL = "regional", _("regional body")
    OTHER = "other", _("other body")


class Response(models.TextChoices):
    """The state's response to a recommendation (UPR: accepted or noted)."""

    # A recommendation's response: the context keeps it apart from an accepted
    # contribution, which is masculine in Spanish and French.
    ACCEPTED = "accepted", pgettext_lazy("recommendation response", "accepted")
    NOTED = "noted", pgettext_lazy("recommendation response", "noted")
    PENDING = "pending", _("no response yet")


class Implementation(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("not assessed")
    NOT_IMPLEMENTED = "not_implemented", _("not implemented")
    PARTIALLY = "partially", _("partially implemented")
    IMPLEMENTED = "implemented", _("implemented")


class ActionCategory(models.IntegerChoices):
    """UPR Info's scale of the action a recommendation asks for."""

    MINIMAL = 1, _("1: minimal action")
    CONTINUING = 2, _("2: continuing action")
    CONSIDERING = 3, _("3: considering action")
    GENERAL = 4, _("4: general action")
    SPECIFIC = 5, _("5: specific action")
