"""What the public proposes, and what editors decided about it.

A contribution is kept apart from the records until an editor accepts it: nothing the
public sends reaches a public page on its own. About the contributor it keeps only what
they chose to give (name, organisation, a way to reach them, how to be credited) and
when they consented; never an IP address or a browser's details.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

RECEIPT_BYTES = 18  # 24 characters of URL-safe base64: not guessable


def receipt_digest(code: str) -> str:
    """The stored form of a receipt code: a leaked database does not reveal the codes."""
    return hashlib.sha256(code.encode()).hexdigest()


class Kind(models.TextChoices):
    DEVELOPMENT = "development", _("a development (news)")
    DOCUMENT = "document", _("a document")
    INSTRUMENT = "instrument", _("a new law, decree or policy")
    MECHANISM = "mechanism", _("a new protection mechanism")
    CORRECTION = "correction", _("a correction")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    UNDER_REVIEW = "under_review", _("under review")
    PUBLISHED = "published", _("published")
    DECLINED = "declined", _("declined")
    DUPLICATE = "duplicate", _("already known")


class Credit(models.TextChoices):
    ANONYMOUS = "anonymous", _("do not credit me (anonymous)")
    NAME = "name", _("credit me by my name")
    ORGANISATION = "organisation", _("credit my organisation")


OPEN = (Status.RECEIVED, Status.UNDER_REVIEW)


class ContributionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def with_receipt(self, code: str):
        return self.filter(receipt=receipt_digest(code or ""))


class Contribution(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    receipt = models.CharField(_("receipt digest"), max_length=64, unique=True, editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        help_text=_("The site language it was sent in; its receipt page opens in it."),
    )
    # What is proposed, field by field, as the contribution form cleaned it.
    proposal = models.JSONField(_("proposal"), default=dict)
    sources = models.JSONField(
        _("sources"), default=list, help_text=_("Addresses of the sources given, one per fact.")
    )
    upload = models.FileField(
        _("file"),
        upload_to="contributions/%Y/%m/",
        blank=True,
        help_text=_("A file sent with a document; never served until an editor accepts it."),
    )
    # A correction (or a development) is about an existing record.
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    # What accepting it created or changed.
    result_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")

    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact"), max_length=300, blank=True, help_text=_("How editors may reach them.")
    )
    credit = models.CharField(
        _("credit"), max_length=20, choices=Credit.choices, default=Credit.ANONYMOUS
    )
    consented_at = models.DateTimeField(_("consent given"))
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("account"),
    )
    trusted = models.BooleanField(
        _("trusted contributor"),
        default=False,
        help_text=_("Sent from the account of a trusted contributor: review it first."),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was declined; shown on the receipt page.")
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    received = models.DateTimeField(_("received"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-trusted", "received"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["status", "received"])]
        permissions = [("moderate_contribution", _("Can review and decide on contributions"))]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} ({self.get_status_display()})"

    @staticmethod
    def new_receipt() -> str:
        return secrets.token_urlsafe(RECEIPT_BYTES)

    def set_receipt(self) -> str:
        """A fresh receipt code; only its digest is kept. Returns the code, to show once."""
        code = self.new_receipt()
        self.receipt = receipt_digest(code)
        return code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def credit_line(self) -> str:
        """How the contributor is credited, as they chose ("" when anonymous)."""
        if self.credit == Credit.NAME:
            return self.name
        if self.credit == Credit.ORGANISATION:
            return self.organisation
        return ""

    @property
    def headline(self) -> str:
        """A line that says what it is about, for the editors' queue."""
        p = self.proposal
        return str(
            p.get("title") or p.get("name") or p.get("summary") or p.get("explanation") or ""
        )

    def get_review_url(self) -> str:
        return reverse("contributions:review", args=[self.pk])


class Action(models.TextChoices):
    RECEIVED = "received", _("received")
    OPENED = "opened", _("opened for review")
    ACCEPTED = "accepted", _("accepted")
    EDITED = "edited", _("edited, then accepted")
    DECLINED = "declined", _("declined")
    DUPLICATE = "duplicate", _("marked as a duplicate")


class Decision(models.Model):
    """One step in a contribution's life, and who took it: every action is logged."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("editor"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
