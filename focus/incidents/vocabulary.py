"""The incidents' vocabularies, after HURIDOCS' events approach: codes are stored,
labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    KILLING = "killing", _("killing")
    ATTEMPTED_KILLING = "attempted_killing", _("attempted killing")
    PHYSICAL_ATTACK = "physical_attack", _("physical attack")
    THREAT = "threat", _("threat")
    JUDICIAL_HARASSMENT = "judicial_harassment", _("judicial harassment or criminalisation")
    ARBITRARY_DETENTION = "arbitrary_detention", _("arbitrary detention")
    ENFORCED_DISAPPEARANCE = "enforced_disappearance", _("enforced disappearance")
    SURVEILLANCE = "surveillance", _("surveillance")
    SMEAR_CAMPAIGN = "smear_campaign", _("smear campaign")
    RAID = "raid", _("raid")
    OTHER = "other", _("other")


class Profile(models.TextChoices):
    """What the defender defends: the sector of their work."""

    LAND_ENVIRONMENT = "land_environment", _("land and environment")
    INDIGENOUS_PEOPLES = "indigenous_peoples", _("indigenous peoples")
    WOMENS_RIGHTS = "womens_rights", _("women's rights")
    LGBTI = "lgbti", _("LGBTI rights")
    JOURNALIST = "journalist", _("journalism and media")
    LAWYER = "lawyer", _("lawyers and justice")
    TRADE_UNION = "trade_union", _("trade unions and labour rights")
    COMMUNITY_LEADER = "community_leader", _("community leadership")
    HUMAN_RIGHTS_ORGANISATION = "human_rights_organisation", _("human rights organisations")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("not known")


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("another gender identity")
    UNKNOWN = "unknown", _("not known")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("under 18")
    FROM_18 = "18_29", _("18 to 29")
    FROM_30 = "30_44", _("30 to 44")
    FROM_45 = "45_59", _("45 to 59")
    FROM_60 = "60_plus", _("60 and over")
    UNKNOWN = "unknown", _("not known")


class PerpetratorKind(models.TextChoices):
    """State and non-state perpetrators; `is_state` says which."""

    POLICE = "police", _("police")
    MILITARY = "military", _("armed forces")
    PUBLIC_OFFICIAL = "public_official", _("public officials")
    JUDICIAL = "judicial", _("prosecutors and courts")
    PARAMILITARY = "paramilitary", _("paramilitary groups")
    ORGANISED_CRIME = "organised_crime", _("organised crime")
    ARMED_GROUP = "armed_group", _("non-state armed groups")
    PRIVATE_SECURITY = "private_security", _("private security")
    BUSINESS = "business", _("companies")
    INDIVIDUAL = "individual", _("individuals")
    UNKNOWN = "unknown", _("not known")


STATE_PERPETRATORS = {
    PerpetratorKind.POLICE,
    PerpetratorKind.MILITARY,
    PerpetratorKind.PUBLIC_OFFICIAL,
    PerpetratorKind.JUDICIAL,
}


class VictimKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    COLLECTIVE = "collective", _("collective (a group, community or organisation)")


class Confidentiality(models.TextChoices):
    """Who may read a case: reviewers read restricted cases, analysts all."""

    RESTRICTED = "restricted", _("restricted: analysts and reviewers")
    CONFIDENTIAL = "confidential", _("confidential: analysts only")
