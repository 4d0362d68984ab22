import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from focus.core.dates import (
    DatePrecision,
    check_partial_date,
    format_partial_date,
    normalise,
    period_end,
)
from focus.core.models import Verifiable, exported
from focus.core.paths import page_path
from focus.core.text import translated as _translated
from focus.geo.models import Jurisdiction

from .lifecycle import DevelopmentType, StatusChange, derive_status, status_history
from .vocabulary import (
    Beneficiary,
    FigureMetric,
    InstrumentType,
    Measure,
    MechanismKind,
    MechanismStatus,
    OrganisationKind,
    RelationKind,
    Status,
)

if TYPE_CHECKING:
    from simple_history.manager import HistoryManager


class Source(models.Model):
    """The citation behind a record or a fact, which a reader can follow."""

    url = models.URLField(
        _("URL"), max_length=1000, unique=True, help_text=_("Where the source can be read.")
    )
    title = models.CharField(
        _("title"), max_length=500, blank=True, help_text=_("Title of the page or document.")
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=300,
        blank=True,
        help_text=_("Who published it: a gazette, a ministry, a newspaper…"),
    )
    date_seen = models.DateField(
        _("date seen"),
        null=True,
        blank=True,
        help_text=_("When an editor last read the source at this address."),
    )
    archived_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy kept by a web archive, in case the page goes."),
    )

    class Meta:
        ordering = ["url"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def host(self) -> str:
        match = re.match(r"^[a-z]+://([^/]+)", self.url, re.IGNORECASE)
        return match.group(1).removeprefix("www.") if match else self.url


class BeneficiaryGroup(models.Model):
    """One group a text or a mechanism protects (the rows of Beneficiary)."""

    code = models.CharField(_("code"), max_length=60, unique=True, choices=Beneficiary.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("beneficiary group")
        verbose_name_plural = _("beneficiary groups")

    def __str__(self) -> str:
        return str(self.get_code_display())


class ProtectionMeasure(models.Model):
    """One kind of measure a mechanism offers (the rows of Measure)."""

    code = models.CharField(_("code"), max_length=40, unique=True, choices=Measure.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("protection measure")
        verbose_name_plural = _("protection measures")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Organisation(models.Model):
    """An author or issuer: a state body, an NGO, a UN or regional body."""

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    name = models.CharField(_("name"), max_length=300, help_text=_("Name in its own language."))
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, help_text=_("Short name, if any.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        help_text=_("What kind of body it is."),
    )
    countries = models.ManyToManyField(
        Jurisdiction,
        verbose_name=_("countries"),
        blank=True,
        related_name="organisations",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
        help_text=_("Where it is based."),
    )
    url = models.URLField(_("website"), max_length=500, blank=True, help_text=_("Its own website."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("What it is and does, in a few lines.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class PlacedQuerySet(models.QuerySet):
    """Records with a jurisdiction: a country's include its subnational units'."""

    def in_country(self, country: Jurisdiction):
        return self.filter(models.Q(jurisdiction=country) | models.Q(jurisdiction__parent=country))

    def in_region(self, region):
        return self.filter(
            models.Q(jurisdiction__region=region) | models.Q(jurisdiction__parent__region=region)
        )


class InstrumentQuerySet(PlacedQuerySet):
    def national(self):
        return self.filter(jurisdiction__kind=Jurisdiction.Kind.COUNTRY)

    def subnational(self):
        return self.filter(jurisdiction__kind=Jurisdiction.Kind.SUBDIVISION)

    def of_regional_bodies(self):
        return self.filter(jurisdiction__kind=Jurisdiction.Kind.REGIONAL_BODY)

    def with_developments(self):
        """Prefetch what status derivation needs, so a list costs a fixed number of queries."""
        return self.select_related("jurisdiction", "jurisdiction__parent").prefetch_related(
            models.Prefetch("developments", queryset=Development.objects.order_by("date", "pk"))
        )

    def filtered(self, *, region=None, country=None, instrument_type=""):
        """By place and type; the API and the exports share them."""
        instruments = self
        if region is not None:
            instruments = instruments.in_region(region)
        if country is not None:
            instruments = instruments.in_country(country)
        if instrument_type:
            instruments = instruments.filter(instrument_type=instrument_type)
        return instruments

    def for_export(self):
        """What the API and the exports publish of each instrument, in a fixed number of
        queries per batch."""
        return self.with_developments().prefetch_related(
            exported("beneficiaries"),
            exported("sources"),
            exported("mechanisms", Mechanism.objects.only("pk", "slug")),
            exported(
                "relations_from",
                InstrumentRelation.objects.select_related("to_instrument").only(
                    "from_instrument", "kind", "to_instrument__slug"
                ),
            ),
        )


class Instrument(Verifiable):
    """A legal or policy text adopted or proposed by a public authority."""

    class CreatesMechanism(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        PLANNED = "planned", _("planned")

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    instrument_type = models.CharField(
        _("type"),
        max_length=30,
        choices=InstrumentType.choices,
        help_text=_("What kind of text it is."),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        blank=True,
        help_text=_("Title, translated into the site's languages."),
    )
    title_original = models.CharField(
        _("original title"),
        max_length=600,
        blank=True,
        help_text=_("Title in the language the text was issued in."),
    )
    reference = models.CharField(
        _("reference"),
        max_length=300,
        blank=True,
        help_text=_("Official number or a short reference (gazette, date)."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="instruments",
        help_text=_("The country, subnational unit or regional body where the text applies."),
    )
    locality = models.CharField(
        _("locality"),
        max_length=200,
        blank=True,
        help_text=_(
            "A municipality or area inside the jurisdiction, for a local text (e.g. Madrid (city))."
        ),
    )
    international = models.BooleanField(
        _("issued by an international body"),
        default=False,
        help_text=_(
            "Set for a text issued by a regional or international body about this country, "
            "such as a ruling of the Inter-American Court."
        ),
    )
    issuing_authority = models.CharField(
        _("issuing or lead authority"),
        max_length=500,
        blank=True,
        help_text=_("The authority that issued the text or is responsible for it."),
    )
    beneficiaries = models.ManyToManyField(
        BeneficiaryGroup,
        verbose_name=_("beneficiaries"),
        blank=True,
        related_name="instruments",
        help_text=_("Who the text protects."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("A short factual summary."))
    creates_mechanism = models.CharField(
        _("creates a mechanism"),
        max_length=10,
        choices=CreatesMechanism.choices,
        blank=True,
        help_text=_("Whether the text creates a protection mechanism or body (blank: not known)."),
    )
    created_mechanism_note = models.CharField(
        _("mechanism created"),
        max_length=500,
        blank=True,
        help_text=_("The body the text creates, as the sources name it."),
    )
    related = models.ManyToManyField(
        "self",
        through="InstrumentRelation",
        symmetrical=False,
        related_name="related_from",
        blank=True,
        verbose_name=_("related instruments"),
    )
    sources = models.ManyToManyField(
        Source,
        verbose_name=_("sources"),
        blank=True,
        related_name="instruments",
        help_text=_("Where the facts of this record come from."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = InstrumentQuerySet.as_manager()

    # Added at run time by simple_history.register() (translation.py).
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["jurisdiction__name", "slug"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return page_path("policies:instrument", self.slug)

    @property
    def display_title(self) -> str:
        """The title in the visitor's language, else in its original language, else English."""
        return _translated(self, "title", "title_original") or self.reference or self.slug

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    @property
    def country(self) -> Jurisdiction:
        return self.jurisdiction.country

    def status_history(self, on: dt.date | None = None) -> list[StatusChange]:
        """Every status the instrument has had, oldest first (see lifecycle)."""
        history = status_history(self.developments.all(), on)
        if self.instrument_type == InstrumentType.COURT_RULING:
            return [replace(change, ruling=True) for change in history]
        return history

    def status_on(self, date: dt.date) -> Status | None:
        """The status on a date, from the developments certain to have happened by then."""
        return derive_status(self.developments.all(), on=date)

    @property
    def current_status(self) -> Status | None:
        """The status as the sources now report it."""
        return derive_status(self.developments.all())

    @property
    def current_status_change(self) -> StatusChange | None:
        history = self.status_history()
        return history[-1] if history else None

    def current_status_display(self) -> str:
        status = self.current_status
        return str(Status(status).label) if status else str(_("status not known"))


class InstrumentRelation(models.Model):
    """One instrument amends, implements, regulates or replaces another."""

    from_instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="relations_from",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    to_instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("other instrument"),
        on_delete=models.CASCADE,
        related_name="relations_to",
    )

    class Meta:
        verbose_name = _("relation between instruments")
        verbose_name_plural = _("relations between instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["from_instrument", "kind", "to_instrument"], name="policies_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_instrument=models.F("to_instrument")),
                name="policies_relation_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_instrument} {self.get_kind_display()} {self.to_instrument}"


class MechanismQuerySet(PlacedQuerySet):
    def filtered(self, *, region=None, country=None, kind="", status=""):
        """By place, kind and status; the API and the exports share them."""
        mechanisms = self
        if region is not None:
            mechanisms = mechanisms.in_region(region)
        if country is not None:
            mechanisms = mechanisms.in_country(country)
        if kind:
            mechanisms = mechanisms.filter(kind=kind)
        if status:
            mechanisms = mechanisms.filter(status=status)
        return mechanisms

    def for_export(self):
        """What the API and the exports publish of each mechanism."""
        return self.select_related("jurisdiction", "jurisdiction__parent").prefetch_related(
            exported("measures"),
            exported("beneficiaries"),
            exported("sources"),
            exported("instruments", Instrument.objects.only("pk", "slug")),
        )


class Mechanism(Verifiable):
    """A public body or programme that carries out protection."""

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    name = models.CharField(
        _("name"),
        max_length=400,
        blank=True,
        help_text=_("Name, translated into the site's languages."),
    )
    name_original = models.CharField(
        _("original name"),
        max_length=400,
        blank=True,
        help_text=_("Name in the language of the country."),
    )
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, help_text=_("Short name, if any.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="mechanisms",
        help_text=_("The country or subnational unit it serves."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=40,
        choices=MechanismKind.choices,
        help_text=_("What kind of body it is."),
    )
    lead_institution = models.CharField(
        _("lead institution"),
        max_length=600,
        blank=True,
        help_text=_("The institution that runs it."),
    )
    instruments = models.ManyToManyField(
        Instrument,
        verbose_name=_("instruments"),
        blank=True,
        related_name="mechanisms",
        help_text=_("The instruments that create or regulate it."),
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("When it started work.")
    )
    start_date_precision = models.CharField(
        _("start date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MechanismStatus.choices,
        blank=True,
        help_text=_("Whether it works now, as the sources report (blank: not known)."),
    )
    civil_society_participation = models.TextField(
        _("civil-society participation"),
        blank=True,
        help_text=_("Whether and how civil society takes part in its governance."),
    )
    measures = models.ManyToManyField(
        ProtectionMeasure,
        verbose_name=_("measures offered"),
        blank=True,
        related_name="mechanisms",
        help_text=_("The kinds of measures it offers."),
    )
    beneficiaries = models.ManyToManyField(
        BeneficiaryGroup,
        verbose_name=_("beneficiaries"),
        blank=True,
        related_name="mechanisms",
        help_text=_("Who it protects."),
    )
    how_to_reach = models.TextField(
        _("how to reach it"),
        blank=True,
        help_text=_("How a defender asks for protection, through official channels."),
    )
    contact_channel = models.CharField(
        _("public contact channel"),
        max_length=500,
        blank=True,
        help_text=_("Official address, form or office."),
    )
    emergency_line = models.CharField(
        _("emergency line"),
        max_length=200,
        blank=True,
        help_text=_("Official emergency telephone number."),
    )
    hours = models.CharField(
        _("hours"), max_length=200, blank=True, help_text=_("When it can be reached.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("A short factual summary."))
    sources = models.ManyToManyField(
        Source,
        verbose_name=_("sources"),
        blank=True,
        related_name="mechanisms",
        help_text=_("Where the facts of this record come from."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MechanismQuerySet.as_manager()

    # Added at run time by simple_history.register() (translation.py).
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["jurisdiction__name", "slug"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True, start_date_precision="unknown")
                | models.Q(
                    start_date__isnull=False, start_date_precision__in=["day", "month", "year"]
                ),
                name="policies_mechanism_start_date_has_its_precision",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return page_path("policies:mechanism", self.slug)

    @property
    def display_name(self) -> str:
        return _translated(self, "name", "name_original") or self.acronym or self.slug

    @property
    def start_date_display(self) -> str:
        return format_partial_date(self.start_date, self.start_date_precision)

    @property
    def display_how_to_reach(self) -> str:
        return _translated(self, "how_to_reach")

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    def clean(self) -> None:
        check_partial_date(self, "start_date", "start_date_precision")
        if self.jurisdiction_id and self.jurisdiction.kind == Jurisdiction.Kind.REGIONAL_BODY:
            raise ValidationError(
                {"jurisdiction": _("A mechanism serves a country or a subnational unit.")}
            )

    def save(self, *args, **kwargs) -> None:
        self.start_date = normalise(self.start_date, self.start_date_precision)
        super().save(*args, **kwargs)

    def operating_on(self, date: dt.date | None = None) -> bool:
        """Known to be working on a date (None: now), as far as the sources say.

        The sources give when a mechanism started and whether it works now, not when a
        replaced or closed one stopped: for past dates only those still working count.
        """
        if self.status != MechanismStatus.OPERATING:
            return False
        if date is None:
            return True
        started = period_end(self.start_date, self.start_date_precision)
        return started is not None and started <= date


class MechanismFigure(Verifiable):
    """A dated figure about a mechanism: requests, people protected, budget, staff…"""

    PERIOD_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-\d{4}$")

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.CASCADE, related_name="figures"
    )
    period = models.CharField(
        _("period"),
        max_length=10,
        help_text=_("The date or span the figure covers: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY."),
    )
    period_end = models.DateField(
        _("end of period"), editable=False, help_text=_("Last day of the period, for ordering.")
    )
    metric = models.CharField(
        _("metric"), max_length=40, choices=FigureMetric.choices, help_text=_("What is counted.")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=2,
        help_text=_("The figure as the source gives it."),
    )
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("What the value counts: persons, requests, MXN…")
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Scope of the figure, and how it was read from the source."),
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="figures"
    )
    seed_key = models.CharField(
        _("seed key"),
        max_length=150,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Identifier of the row of the seed data this figure was loaded from."),
    )

    class Meta:
        ordering = ["mechanism", "metric", "period_end"]
        verbose_name = _("mechanism figure")
        verbose_name_plural = _("mechanism figures")

    def __str__(self) -> str:
        return f"{self.mechanism}: {self.get_metric_display()} {self.period} = {self.value} {self.unit}"

    @classmethod
    def end_of_period(cls, period: str) -> dt.date:
        """Last day of a period; raises ValueError naming the problem."""
        from focus.core.dates import parse_partial_date

        if not cls.PERIOD_PATTERN.match(period or ""):
            raise ValueError(
                f"'{period}' is not a period (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY)"
            )
        if len(period) == 9:
            start, end = (int(y) for y in period.split("-"))
            if end < start:
                raise ValueError(f"'{period}' ends before it starts")
            return dt.date(end, 12, 31)
        value, precision = parse_partial_date(period)
        last = period_end(value, precision)
        if last is None:  # the pattern lets no unknown date through
            raise ValueError(f"'{period}' is not a period")
        return last

    def clean(self) -> None:
        try:
            self.end_of_period(self.period)
        except ValueError as exc:
            raise ValidationError({"period": str(exc)}) from None

    def save(self, *args, **kwargs) -> None:
        self.period_end = self.end_of_period(self.period)
        super().save(*args, **kwargs)


class DevelopmentQuerySet(PlacedQuerySet):
    def latest_first(self):
        return self.order_by(models.F("date").desc(nulls_last=True), "-pk")

    def latest_added(self):
        return self.order_by("-created", "-pk")

    def for_listing(self):
        """What a list of developments shows: place, instrument."""
        return self.select_related(
            "jurisdiction", "jurisdiction__parent", "jurisdiction__region", "instrument"
        )

    def for_export(self):
        """What the API and the exports publish of each development."""
        return self.select_related(
            "jurisdiction", "jurisdiction__parent", "instrument"
        ).prefetch_related(
            exported("sources"), exported("mechanisms", Mechanism.objects.only("pk", "slug"))
        )

    def filtered(self, *, region=None, country=None, development_type="", start=None, end=None):
        """The timeline's filters; pages, the API and exports share them.

        `start` and `end` are dates; a development counts in a range when its date (the
        first day of its month or year, for a partial date) is inside it.
        """
        developments = self
        if region is not None:
            developments = developments.in_region(region)
        if country is not None:
            developments = developments.in_country(country)
        if development_type:
            developments = developments.filter(development_type=development_type)
        if start is not None:
            developments = developments.filter(date__gte=start)
        if end is not None:
            developments = developments.filter(date__lte=end)
        return developments


class Development(Verifiable):
    """A dated, sourced event about an instrument, a mechanism or a country.

    Its type says which status, if any, it gives its instrument (see lifecycle).
    """

    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When it happened; for a month or a year, the first day of it."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Whether the date is known to the day, the month or the year, or not at all."),
    )
    development_type = models.CharField(
        _("type"), max_length=40, choices=DevelopmentType.choices, help_text=_("What happened.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="developments",
        help_text=_("Where it happened."),
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="developments",
        help_text=_(
            "The instrument it concerns, if any; its type may change that instrument's status."
        ),
    )
    mechanisms = models.ManyToManyField(
        Mechanism,
        verbose_name=_("mechanisms"),
        blank=True,
        related_name="developments",
        help_text=_("The mechanisms it concerns, if any."),
    )
    summary = models.TextField(_("summary"), help_text=_("What happened, in a few factual lines."))
    sources = models.ManyToManyField(
        Source,
        verbose_name=_("sources"),
        blank=True,
        related_name="developments",
        help_text=_("Where the facts of this development come from."),
    )
    seed_key = models.CharField(
        _("seed key"),
        max_length=150,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Identifier of the row of the seed data this development was loaded from."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = DevelopmentQuerySet.as_manager()

    # Added at run time by simple_history.register() (translation.py).
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("development")
        verbose_name_plural = _("developments")
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=True, date_precision="unknown")
                | models.Q(date__isnull=False, date_precision__in=["day", "month", "year"]),
                name="policies_development_date_has_its_precision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_date}: {self.get_development_type_display()}"

    @property
    def display_date(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    def get_absolute_url(self) -> str:
        """Its place on its instrument's page, or among its country's developments."""
        if self.instrument:
            return f"{self.instrument.get_absolute_url()}#d{self.pk}"
        return f"{self.jurisdiction.get_absolute_url()}#developments"

    def clean(self) -> None:
        check_partial_date(self, "date", "date_precision")
        if self.instrument and self.jurisdiction_id:
            allowed = {self.instrument.jurisdiction_id, self.instrument.jurisdiction.parent_id} - {
                None
            }
            if self.jurisdiction_id not in allowed and self.jurisdiction.parent_id not in allowed:
                raise ValidationError(
                    {
                        "jurisdiction": _(
                            "The development must be in the instrument's country or jurisdiction."
                        )
                    }
                )

    def save(self, *args, **kwargs) -> None:
        self.date = normalise(self.date, self.date_precision)
        super().save(*args, **kwargs)
