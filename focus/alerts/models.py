"""Subscriptions to alerts, and the published records the alerts have picked up.

A subscription keeps what it takes to write to someone about what they chose, and
nothing else: the address, the choices, the language, when it was asked for and
confirmed, and how far its alerts have gone. No address of the client, no browser, no
count of opened messages.
"""

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focus.core.paths import page_path
from focus.geo.models import Jurisdiction, Region
from focus.library.models import Document
from focus.policies.models import Development, Instrument, Mechanism
from focus.policies.vocabulary import Beneficiary, InstrumentType

# An unconfirmed subscription is deleted after this long, and a confirmation link
# expires with it.
CONFIRM_DAYS = 7
WEEK = dt.timedelta(days=7)
# A weekly digest goes out when its week is up, give or take the hour a daily run drifts.
WEEK_SLACK = dt.timedelta(hours=1)
MANAGE_SALT = "focus.alerts.manage"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("as it happens")
    WEEKLY = "weekly", _("a weekly digest")


@dataclass(frozen=True)
class Choices:
    """What a subscription follows, how often and in which language, as plain codes.

    Within each group (places, types of instrument, groups protected) any value counts;
    across groups all must: "laws in Mexico" is a country and a type. The one instrument,
    the one mechanism and the search are followed besides, whatever the groups say.
    """

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    instrument_types: tuple[str, ...] = ()
    beneficiaries: tuple[str, ...] = ()
    instrument: str = ""
    mechanism: str = ""
    search: str = ""
    frequency: str = Frequency.IMMEDIATE
    language: str = "en"

    def __post_init__(self):
        for name in ("countries", "regions", "instrument_types", "beneficiaries"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))

    @property
    def empty(self) -> bool:
        return not (
            self.countries
            or self.regions
            or self.instrument_types
            or self.beneficiaries
            or self.instrument
            or self.mechanism
            or self.search
        )

    def as_payload(self) -> dict:
        """The choices as a small dict for a signed link (empty values left out)."""
        data = asdict(self)
        return {name: list(v) if isinstance(v, tuple) else v for name, v in data.items() if v}

    @classmethod
    def from_payload(cls, data: dict) -> "Choices":
        known = set(cls.__dataclass_fields__)
        return cls(**{name: value for name, value in data.items() if name in known})

    def digest(self) -> str:
        """A short fingerprint: a link made for some choices is refused once they change."""
        text = json.dumps(self.as_payload(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


# token_urlsafe(18) is always 24 characters long.
KEY_LENGTH = 24


def new_key() -> str:
    return secrets.token_urlsafe(18)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed__isnull=False)

    def unconfirmed_since(self, moment: dt.datetime):
        """Asked for before `moment` and never confirmed."""
        return self.filter(confirmed__isnull=True, created__lt=moment)

    def due(self, now: dt.datetime):
        """Confirmed subscriptions whose alerts are due: at every run for those who chose
        "as it happens", once their week is up for the weekly digest."""
        week_up = now - WEEK + WEEK_SLACK
        return self.confirmed().filter(
            models.Q(frequency=Frequency.IMMEDIATE)
            | models.Q(frequency=Frequency.WEEKLY, cursor__lte=week_up)
        )

    def with_address(self, email: str):
        return self.filter(email__iexact=email)


class Subscription(models.Model):
    """A visitor's request to be alerted about countries, records or a search."""

    email = models.EmailField(
        _("e-mail address"),
        max_length=254,
        help_text=_("Where the alerts go. Never shown on the site."),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the messages."),
    )
    countries = models.ManyToManyField(
        Jurisdiction,
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
        help_text=_("Countries followed, with their subnational units."),
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        help_text=_("Regions followed."),
    )
    instrument_types = models.JSONField(
        _("types of instrument"),
        default=list,
        blank=True,
        help_text=_("Codes of the types of instrument followed (law, decree…)."),
    )
    beneficiaries = models.JSONField(
        _("groups protected"),
        default=list,
        blank=True,
        help_text=_("Codes of the groups of defenders followed."),
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("One instrument followed."),
    )
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("One mechanism followed."),
    )
    search = models.CharField(
        _("search"),
        max_length=1000,
        blank=True,
        help_text=_("A search followed: the search page's query string."),
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text=_("As it happens, or a weekly digest."),
    )
    key = models.CharField(
        _("key"),
        max_length=40,
        unique=True,
        default=new_key,
        editable=False,
        help_text=_("The secret behind the links in the messages."),
    )
    created = models.DateTimeField(
        _("asked for"), default=timezone.now, help_text=_("When it was last asked for.")
    )
    confirmed = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_("When its address confirmed it; empty until then."),
    )
    cursor = models.DateTimeField(
        _("alerts sent up to"),
        null=True,
        blank=True,
        help_text=_("Records picked up until then have been considered for this subscription."),
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="alerts_one_subscription_per_address"),
        ]
        indexes = [models.Index(fields=["confirmed", "created"])]

    def __str__(self) -> str:
        return f"{_('subscription')} {self.pk}"

    @property
    def token(self) -> str:
        """The key and its signature, run together (letters, digits, - and _ only): the
        manage and unsubscribe links carry it."""
        return signing.Signer(salt=MANAGE_SALT).sign(self.key).replace(":", "", 1)

    def manage_path(self) -> str:
        return page_path("alerts:manage", self.token)

    def unsubscribe_path(self) -> str:
        return page_path("alerts:unsubscribe", self.token)

    def choices(self) -> Choices:
        """What it follows now (reads its countries and regions)."""
        return Choices(
            countries=tuple(c.code.lower() for c in self.countries.all()),
            regions=tuple(r.code for r in self.regions.all()),
            instrument_types=self.instrument_types,
            beneficiaries=self.beneficiaries,
            instrument=self.instrument.slug if self.instrument else "",
            mechanism=self.mechanism.slug if self.mechanism else "",
            search=self.search,
            frequency=self.frequency,
            language=self.language,
        )

    def apply(self, choices: Choices) -> None:
        """Take these choices (saves the subscription)."""
        self.language = choices.language
        self.frequency = choices.frequency
        self.instrument_types = [c for c in choices.instrument_types if c in InstrumentType]
        self.beneficiaries = [c for c in choices.beneficiaries if c in Beneficiary]
        self.instrument = (
            Instrument.objects.filter(slug=choices.instrument).first()
            if choices.instrument
            else None
        )
        self.mechanism = (
            Mechanism.objects.filter(slug=choices.mechanism).first() if choices.mechanism else None
        )
        self.search = choices.search
        self.save()
        codes = [c.upper() for c in choices.countries]
        self.countries.set(Jurisdiction.objects.countries().filter(code__in=codes))
        self.regions.set(Region.objects.filter(code__in=choices.regions))


def token_key(token: str) -> str | None:
    """The key a manage or unsubscribe link carries, or None when its signature is wrong."""
    key, signature = token[:KEY_LENGTH], token[KEY_LENGTH:]
    if not signature:
        return None
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(f"{key}:{signature}")
    except signing.BadSignature:
        return None


class AlertedRecord(models.Model):
    """A published development or document the alerts have picked up, once: the alerts
    of each subscription say what was picked up after its last message."""

    development = models.OneToOneField(
        Development,
        verbose_name=_("development"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerted",
    )
    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerted",
    )
    seen = models.DateTimeField(_("picked up"), db_index=True)

    class Meta:
        ordering = ["seen", "pk"]
        verbose_name = _("record picked up by the alerts")
        verbose_name_plural = _("records picked up by the alerts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(development__isnull=False, document__isnull=True)
                | models.Q(development__isnull=True, document__isnull=False),
                name="alerts_alerted_record_is_one_record",
            ),
        ]

    def __str__(self) -> str:
        record = self.development or self.document
        return f"{record} ({self.seen:%Y-%m-%d %H:%M})"
