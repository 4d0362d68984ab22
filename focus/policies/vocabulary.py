"""Controlled vocabularies of the policies app.

Codes are the ones the seed files and the API use; labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentType(models.TextChoices):
    LAW = "law", _("law")
    DECREE = "decree", _("decree")
    EDICT = "edict", _("edict")
    REGULATION = "regulation", _("regulation")
    PROTOCOL = "protocol", _("protocol")
    PUBLIC_POLICY = "public_policy", _("public policy or plan")
    DRAFT_BILL = "draft_bill", _("draft bill")
    MINISTERIAL_RESOLUTION = "ministerial_resolution", _("ministerial resolution")
    COURT_RULING = "court_ruling", _("binding court ruling")
    FOREIGN_POLICY_GUIDELINE = "foreign_policy_guideline", _("foreign-policy guideline")
    TREATY = "treaty", _("treaty")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    UNDER_DEBATE = "under_debate", _("under debate")
    ADOPTED = "adopted", _("adopted")
    IN_FORCE = "in_force", _("in force")
    AMENDED = "amended", _("in force as amended")
    SUSPENDED = "suspended", _("suspended")
    REPEALED = "repealed", _("repealed")
    STALLED = "stalled", _("stalled")
    REJECTED = "rejected", _("rejected")


# Statuses under which an instrument has effect, for a country's summary. "Adopted"
# counts: the sources rarely date entry into force, and an adopted text binds its issuer.
EFFECTIVE_STATUSES = frozenset({Status.ADOPTED, Status.IN_FORCE, Status.AMENDED})
PENDING_STATUSES = frozenset({Status.DRAFT, Status.UNDER_DEBATE})


class Beneficiary(models.TextChoices):
    HRDS = "hrds", _("human rights defenders")
    WOMEN_HRDS = "women_hrds", _("women human rights defenders")
    ENVIRONMENTAL_DEFENDERS = "environmental_defenders", _("environmental and land defenders")
    NATURE_DEFENDERS = "nature_defenders", _("defenders of nature")
    RURAL_DEFENDERS = "rural_defenders", _("rural defenders")
    INDIGENOUS_PEOPLES = "indigenous_peoples", _("indigenous peoples")
    INDIGENOUS_DEFENDERS = "indigenous_defenders", _("indigenous defenders")
    INDIGENOUS_AUTHORITIES = "indigenous_authorities", _("indigenous authorities")
    LGBTI_HRDS = "lgbti_hrds", _("LGBTI defenders")
    YOUNG_HRDS = "young_hrds", _("young defenders")
    HRDS_WITH_DISABILITIES = "hrds_with_disabilities", _("defenders with disabilities")
    JOURNALISTS = "journalists", _("journalists")
    FREELANCE_JOURNALISTS = "freelance_journalists", _("freelance journalists")
    MEDIA_WORKERS = "media_workers", _("media workers")
    SOCIAL_COMMUNICATORS = "social_communicators", _("social communicators")
    WHISTLEBLOWERS = "whistleblowers", _("whistleblowers")
    LAWYERS = "lawyers", _("lawyers")
    JUSTICE_OFFICIALS = "justice_officials", _("justice officials")
    JUSTICE_OPERATORS = "justice_operators", _("justice operators")
    TRADE_UNIONISTS = "trade_unionists", _("trade unionists")
    COMMUNITY_LEADERS = "community_leaders", _("community leaders")
    SOCIAL_LEADERS = "social_leaders", _("social leaders")
    SOCIAL_MOVEMENTS = "social_movements", _("social movements")
    COMMUNITIES = "communities", _("communities")
    HRD_ORGANISATIONS = "hrd_organisations", _("defenders' organisations")
    ORGANISATIONS = "organisations", _("organisations")
    NGOS = "ngos", _("non-governmental organisations")
    FAMILIES_OF_HRDS = "families_of_hrds", _("families of defenders")
    VICTIMS = "victims", _("victims")
    PERSONS_AT_RISK = "persons_at_risk", _("persons at risk")
    BENEFICIARIES_OF_PRECAUTIONARY_MEASURES = (
        "beneficiaries_of_precautionary_measures",
        _("beneficiaries of precautionary measures"),
    )
    PUBLIC_OFFICIALS = "public_officials", _("public officials")
    POLITICAL_OPPOSITION = "political_opposition", _("political opposition")
    PEACE_SIGNATORIES = "peace_signatories", _("signatories of the peace agreement")
    OTHERS = "others", _("others")


# Codes the sources use for a group that already has a code here.
BENEFICIARY_ALIASES = {"environmental_hrds": Beneficiary.ENVIRONMENTAL_DEFENDERS}


class Measure(models.TextChoices):
    PREVENTIVE = "preventive", _("preventive")
    PROTECTIVE = "protective", _("protective")
    COLLECTIVE = "collective", _("collective")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial")
    LEGAL = "legal", _("legal")
    RELOCATION = "relocation", _("relocation")
    EARLY_WARNING = "early_warning", _("early warning")
    OTHER = "other", _("other")


class MechanismKind(models.TextChoices):
    PROTECTION_MECHANISM = "protection_mechanism", _("protection mechanism")
    PROTECTION_PROGRAMME = "protection_programme", _("protection programme")
    INTERINSTITUTIONAL_COMMITTEE = (
        "interinstitutional_committee",
        _("inter-institutional committee"),
    )
    NHRI_UNIT = "nhri_unit", _("unit of a national human rights institution")
    JOURNALISTS_COMMISSION = "journalists_commission", _("journalists' protection commission")
    EARLY_WARNING_SYSTEM = "early_warning_system", _("early-warning system")
    OTHER = "other", _("other")


class MechanismStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPERATING = "operating", _("operating")
    SUSPENDED = "suspended", _("suspended")
    REPLACED = "replaced", _("replaced")
    CLOSED = "closed", _("closed")


class FigureMetric(models.TextChoices):
    REQUESTS_RECEIVED = "requests_received", _("requests received")
    REQUESTS_ACCEPTED = "requests_accepted", _("requests accepted")
    BENEFICIARIES_ACTIVE = "beneficiaries_active", _("people protected at the date")
    BENEFICIARIES_TOTAL = "beneficiaries_total", _("people protected since the start")
    BUDGET = "budget", _("budget")
    STAFF = "staff", _("staff")
    KILLED_WHILE_PROTECTED = "killed_while_protected", _("people killed while protected")
    OTHER = "other", _("other")


class OrganisationKind(models.TextChoices):
    STATE_BODY = "state_body", _("state body")
    NHRI = "nhri", _("national human rights institution")
    UN_BODY = "un_body", _("UN body")
    REGIONAL_BODY = "regional_body", _("regional body")
    NGO = "ngo", _("non-governmental organisation")
    NETWORK = "network", _("network or coalition")
    ACADEMIC = "academic", _("academic institution")
    OTHER = "other", _("other")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    IMPLEMENTS = "implements", _("implements")
    REGULATES = "regulates", _("regulates")
    REPLACES = "replaces", _("replaces")


class SummaryCategory(models.TextChoices):
    """Where a country stands, from the strongest protection to none known."""

    SPECIFIC_LAW = "specific_law", _("specific law in force")
    POLICY_OR_MECHANISM = "policy_or_mechanism", _("policy or mechanism in force")
    DRAFT = "draft", _("draft under discussion")
    SUBNATIONAL_ONLY = "subnational_only", _("subnational instruments only")
    NONE_KNOWN = "none_known", _("no specific framework known")
