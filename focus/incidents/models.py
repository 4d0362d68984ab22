"""Attacks on defenders, after HURIDOCS' events approach: an incident, the acts it was
made of, who suffered them and who committed them, and where the facts come from.

Names, narratives, places described in words, contacts and source references are sealed
at rest (fields.EncryptedTextField); what the public trends count (dates, countries,
kinds of act, profiles, gender, age bands, kinds of perpetrator) is stored plain.
"""

import uuid

import simple_history
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from focus.core.dates import DatePrecision, check_partial_date, format_partial_date, normalise
from focus.geo.models import Jurisdiction
from focus.policies.models import Mechanism

from .fields import EncryptedTextField
from .vocabulary import (
    STATE_PERPETRATORS,
    ActKind,
    AgeBand,
    Confidentiality,
    Gender,
    PerpetratorKind,
    Profile,
    VictimKind,
)


def _row_id():
    return uuid.uuid4()


class Incident(models.Model):
    """One attack, or one episode of related acts, at a date and place."""

    # Binds every sealed value to its row (crypto.py), and names the case outside.
    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
    )
    subdivision = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("first-level subdivision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Jurisdiction.Kind.SUBDIVISION},
    )
    place = EncryptedTextField(_("place described"), blank=True, help_text=_("Sealed at rest."))
    narrative = EncryptedTextField(
        _("narrative"), blank=True, help_text=_("What happened. Sealed at rest.")
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.RESTRICTED,
    )
    case_import = models.ForeignKey(
        "CaseImport",
        verbose_name=_("imported with"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=True, date_precision="unknown")
                | models.Q(date__isnull=False, date_precision__in=["day", "month", "year"]),
                name="incidents_incident_date_has_its_precision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.display_date} ({str(self.uuid)[:8]})"

    def save(self, *args, **kwargs) -> None:
        self.date = normalise(self.date, self.date_precision)
        super().save(*args, **kwargs)

    @property
    def display_date(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    def clean(self) -> None:
        check_partial_date(self, "date", "date_precision")
        if self.subdivision and self.country_id and self.subdivision.parent_id != self.country_id:
            raise ValidationError({"subdivision": _("The subdivision is not in this country.")})


class Victim(models.Model):
    """A person or a collective who suffered an act."""

    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="victims"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=VictimKind.choices, default=VictimKind.INDIVIDUAL
    )
    name = EncryptedTextField(_("name"), blank=True, help_text=_("Sealed at rest."))
    contact = EncryptedTextField(
        _("contact"), blank=True, help_text=_("How to reach them or their family. Sealed at rest.")
    )
    profile = models.CharField(
        _("defender profile"), max_length=30, choices=Profile.choices, default=Profile.UNKNOWN
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    age_band = models.CharField(
        _("age"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    protected = models.BooleanField(
        _("beneficiary of a protection mechanism"),
        null=True,
        blank=True,
        help_text=_("Whether they had protection measures when attacked (blank: not known)."),
    )
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("protection mechanism"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {str(self.uuid)[:8]}"


class Perpetrator(models.Model):
    """Who committed an act, by kind; named only in the sealed note."""

    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.CASCADE,
        related_name="perpetrators",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PerpetratorKind.choices,
        default=PerpetratorKind.UNKNOWN,
    )
    note = EncryptedTextField(_("note"), blank=True, help_text=_("Sealed at rest."))

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = _("perpetrator")
        verbose_name_plural = _("perpetrators")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_PERPETRATORS


class Act(models.Model):
    """One act of an incident against a victim, by a perpetrator if known."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="acts"
    )
    kind = models.CharField(_("act"), max_length=30, choices=ActKind.choices)
    victim = models.ForeignKey(
        Victim,
        verbose_name=_("victim"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="acts",
    )
    perpetrator = models.ForeignKey(
        Perpetrator,
        verbose_name=_("perpetrator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acts",
    )

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        for related in (self.victim, self.perpetrator):
            if related is not None and self.incident_id and related.incident_id != self.incident_id:
                raise ValidationError(_("The victim and perpetrator must be of the same incident."))


class IncidentSource(models.Model):
    """Where the facts of an incident come from; the reference itself is sealed (it may
    name a witness or an organisation at risk)."""

    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="sources"
    )
    reference = EncryptedTextField(
        _("reference"), help_text=_("An address, a document or a testimony. Sealed at rest.")
    )
    public = models.BooleanField(
        _("published source"), default=False, help_text=_("A press article, a public report.")
    )

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = _("source of an incident")
        verbose_name_plural = _("sources of incidents")

    def __str__(self) -> str:
        return str(self.uuid)[:8]


# Every change is kept; the history tables hold the sealed values too (fields.py).
for model in (Incident, Victim, Perpetrator, Act, IncidentSource):
    simple_history.register(model)


class CaseRead(models.Model):
    """Who read a case, and when: every opening of a case or of its history, and every
    download of an export that holds it, is logged."""

    class Page(models.TextChoices):
        CASE = "case", _("the case")
        HISTORY = "history", _("its history")
        EXPORT = "export", _("an export holding it")

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="reads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.CharField(_("page"), max_length=10, choices=Page.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("reading of a case")
        verbose_name_plural = _("readings of cases")

    def __str__(self) -> str:
        return f"{self.user} · {self.incident} · {self.at:%Y-%m-%d %H:%M}"


class TrendCell(models.Model):
    """How many acts share one combination of the public dimensions: the only table the
    public trends read. Rebuilt from the cases (trends.rebuild), never edited; it names
    nobody, and what it shows is further held back by suppression.py."""

    year = models.PositiveSmallIntegerField(_("year"), null=True)
    country = models.CharField(_("country"), max_length=3)
    region = models.CharField(_("region"), max_length=40, blank=True)
    act = models.CharField(_("act"), max_length=30, choices=ActKind.choices)
    profile = models.CharField(_("defender profile"), max_length=30, choices=Profile.choices)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    perpetrator = models.CharField(_("perpetrator"), max_length=20, choices=PerpetratorKind.choices)
    acts = models.PositiveIntegerField(_("acts"))

    class Meta:
        verbose_name = _("trend cell")
        verbose_name_plural = _("trend cells")
        # A view filtered on two dimensions sums its own cells (trends.counted), found
        # through one of these.
        indexes = [
            models.Index(
                fields=["country", "region", "year", "gender", "acts"],
                name="incidents_trend_places_idx",
            ),
            models.Index(
                fields=["act", "profile", "gender", "perpetrator", "region", "acts"],
                name="incidents_trend_kinds_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.country} {self.act}: {self.acts}"


class CaseImport(models.Model):
    """A file of cases on its way in (importing.py): uploaded, its columns and values
    mapped to the vocabularies, previewed, then written in one transaction.

    The file and the mapping (which quotes its values) are sealed; once the cases are
    written or the import abandoned, the file is dropped and only the report is kept.
    """

    class Status(models.TextChoices):
        MAPPING = "mapping", _("being mapped")
        QUEUED = "queued", _("waiting to be written")
        WRITING = "writing", _("being written")
        DONE = "done", _("written")
        FAILED = "failed", _("failed: nothing written")
        ABANDONED = "abandoned", _("abandoned: nothing written")

    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=200)
    content = EncryptedTextField(_("file"), blank=True, help_text=_("Sealed at rest."))
    mapping = EncryptedTextField(
        _("mapping"), blank=True, help_text=_("Columns and values mapped, as JSON. Sealed.")
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # Rows prepared so far while it is being written (shown as its progress).
    progress = models.PositiveIntegerField(_("rows prepared"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MAPPING
    )
    report = models.JSONField(
        _("report"),
        default=dict,
        blank=True,
        help_text=_("What was written: counts only, never a value of the file."),
    )
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded", "-pk"]
        verbose_name = _("import of cases")
        verbose_name_plural = _("imports of cases")

    def __str__(self) -> str:
        return f"{self.filename} ({self.uploaded:%Y-%m-%d %H:%M})"


class CaseExport(models.Model):
    """A request to take cases out of the database as a file. An administrator other
    than the analyst who asked approves or refuses it; once approved, the file can be
    downloaded by that analyst until it expires (exports.py)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    uuid = models.UUIDField(_("identifier"), default=_row_id, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested = models.DateTimeField(_("requested"), auto_now_add=True)
    reason = EncryptedTextField(
        _("reason"), help_text=_("Why and for whom the cases are needed. Sealed at rest.")
    )
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
        help_text=_("Blank: every country."),
    )
    year_from = models.PositiveSmallIntegerField(_("from the year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to the year"), null=True, blank=True)
    with_sealed = models.BooleanField(
        _("with names, narratives and contacts"),
        default=False,
        help_text=_("Without it, the file holds the plain facts only (dates, places, kinds)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    last_downloaded = models.DateTimeField(_("last downloaded"), null=True, blank=True)

    class Meta:
        ordering = ["-requested", "-pk"]
        verbose_name = _("export of cases")
        verbose_name_plural = _("exports of cases")

    def __str__(self) -> str:
        return str(self.uuid)[:8]


class TrendTotal(models.Model):
    """The acts by one dimension with no filter or under one filter, summed from the
    trend cells when they are rebuilt: what most public views and the views one filter
    wider that suppression checks them against read, without summing every cell."""

    by = models.CharField(_("counted by"), max_length=20)
    value = models.CharField(_("value"), max_length=40)
    filter_name = models.CharField(_("filtered on"), max_length=20, blank=True)
    filter_value = models.CharField(_("filter value"), max_length=40, blank=True)
    acts = models.PositiveIntegerField(_("acts"))

    class Meta:
        verbose_name = _("trend total")
        verbose_name_plural = _("trend totals")
        indexes = [models.Index(fields=["filter_name", "filter_value", "by"])]

    def __str__(self) -> str:
        return f"{self.by}={self.value} | {self.filter_name}={self.filter_value}: {self.acts}"
