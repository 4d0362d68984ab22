"""The networks' and convenings' vocabularies: codes are stored, labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    PARLIAMENTARY = "parliamentary", _("parliamentarians")
    FOCAL_POINTS = "focal_points", _("focal points")
    OTHER = "other", _("other")


class Role(models.TextChoices):
    MODERATOR = "moderator", _("moderator")
    MEMBER = "member", _("member")
    OBSERVER = "observer", _("observer")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("applied, waiting for the moderators")
    ACTIVE = "active", _("member")
    REFUSED = "refused", _("application refused")


class StakeholderGroup(models.TextChoices):
    GOVERNMENT = "government", _("government")
    NHRI = "nhri", _("national human rights institution")
    CIVIL_SOCIETY = "civil_society", _("civil society")


class Notify(models.TextChoices):
    IMMEDIATE = "immediate", _("at once")
    DAILY = "daily", _("a daily digest")
    NONE = "none", _("never")


class ActionKind(models.TextChoices):
    QUESTION = "question", _("a parliamentary question")
    LETTER = "letter", _("a letter")
    STATEMENT = "statement", _("a statement")
    VISIT = "visit", _("a visit")


class ConveningKind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    SEMINAR = "seminar", _("seminar")
    FORUM = "forum", _("forum")
    CONSULTATION = "consultation", _("consultation")
    PLATFORM = "platform", _("platform")
    LAUNCH = "launch", _("launch")
    TRAINING = "training", _("training")
    SIDE_EVENT = "side_event", _("side event")
    WEBINAR = "webinar", _("webinar")


class Attendance(models.TextChoices):
    IN_PERSON = "no", _("in person")
    ONLINE = "yes", _("online")
    HYBRID = "hybrid", _("in person and online")
    UNKNOWN = "unknown", _("not known")


# The short topic tags of the convenings' seed file, in words.
TOPICS = {
    "business": _("business and human rights"),
    "focal_points": _("focal points"),
    "hrds_at_risk": _("defenders at risk"),
    "lgbti_hrds": _("LGBTI defenders"),
    "national_protection_mechanisms": _("national protection mechanisms"),
    "networking": _("networking"),
    "nhris": _("national human rights institutions"),
    "parliaments": _("parliaments"),
    "security_and_protection": _("security and protection"),
    "women_hrds": _("women defenders"),
}
