"""Standards and their provisions; assessment frameworks, assessments and their ratings;
recommendations made to states; good practices.

An assessment is a dated snapshot: re-assessing adds a new one and keeps the earlier
ones, and each rating keeps the criterion's code and title as they were assessed, so that
editing or deleting a criterion never changes or erases a past answer.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focus.core.dates import DatePrecision, check_partial_date, format_partial_date, normalise
from focus.core.models import Verifiable, exported
from focus.core.paths import page_path
from focus.core.text import translated as _translated
from focus.geo.models import Jurisdiction
from focus.library.models import Document
from focus.policies.models import Development, Instrument, Mechanism, Source

from .vocabulary import (
    RATING_MARKS,
    ActionCategory,
    AssessmentStatus,
    Body,
    Implementation,
    RatingValue,
    Response,
    StandardKind,
    StandardScope,
    Theme,
)

if TYPE_CHECKING:
    from simple_history.manager import HistoryManager


class Standard(models.Model):
    """An international or regional reference text, such as the UN Declaration on HRDs."""

    code = models.CharField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier, e.g. UNDHRD."),
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(
        _("short title"), max_length=200, blank=True, help_text=_("The name it is known by.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StandardKind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=StandardScope.choices)
    adopted_by = models.CharField(_("adopted by"), max_length=500, blank=True)
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    adoption_date_precision = models.CharField(
        _("adoption date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    adoption_note = models.CharField(
        _("note on the date"),
        max_length=300,
        blank=True,
        help_text=_("What the date alone does not say, e.g. when it was revised."),
    )
    summary = models.TextField(_("summary"), blank=True)
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        blank=True,
        related_name="standards",
        help_text=_("Its text and commentaries in the library."),
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="standards"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adoption_date__isnull=True, adoption_date_precision="unknown")
                | models.Q(
                    adoption_date__isnull=False,
                    adoption_date_precision__in=["day", "month", "year"],
                ),
                name="standards_standard_date_has_its_precision",
            ),
        ]

    def __str__(self) -> str:
        return self.display_short_title

    def save(self, *args, **kwargs) -> None:
        self.adoption_date = normalise(self.adoption_date, self.adoption_date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_path("standards:standard", self.slug)

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def display_short_title(self) -> str:
        return _translated(self, "short_title") or self.display_title

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    @property
    def adoption_date_display(self) -> str:
        return format_partial_date(self.adoption_date, self.adoption_date_precision)

    def clean(self) -> None:
        check_partial_date(self, "adoption_date", "adoption_date_precision")


class Provision(models.Model):
    """An article, section or theme of a standard."""

    standard = models.ForeignKey(
        Standard,
        verbose_name=_("standard"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    reference = models.CharField(
        _("reference"), max_length=200, help_text=_("Article or section, e.g. Article 12.")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What it says, in a paraphrase (not a quotation).")
    )
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=500,
        blank=True,
        help_text=_("Only where it differs from the standard's."),
    )
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    adoption_date_precision = models.CharField(
        _("adoption date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="provisions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    seed_key = models.CharField(
        _("seed key"), max_length=150, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["standard", "position", "pk"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self) -> str:
        return f"{self.standard}, {self.reference}: {self.display_title}"

    def save(self, *args, **kwargs) -> None:
        self.adoption_date = normalise(self.adoption_date, self.adoption_date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.standard.get_absolute_url()}#p{self.pk}"

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    @property
    def adoption_date_display(self) -> str:
        return format_partial_date(self.adoption_date, self.adoption_date_precision)

    def clean(self) -> None:
        check_partial_date(self, "adoption_date", "adoption_date_precision")


class Framework(models.Model):
    """A set of criteria that says what good protection looks like, from one authority."""

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    name = models.CharField(_("name"), max_length=300)
    authority = models.TextField(_("authority"), help_text=_("Who set it out, and in which texts."))
    description = models.TextField(_("description"), blank=True)
    standard = models.ForeignKey(
        Standard,
        verbose_name=_("standard"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="frameworks",
        help_text=_("The standard it derives from, if any (e.g. the Model Law)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return page_path("standards:framework", self.slug)

    @property
    def display_name(self) -> str:
        return _translated(self, "name")

    @property
    def display_description(self) -> str:
        return _translated(self, "description")


class Criterion(models.Model):
    """One element of a framework an instrument or mechanism is assessed against."""

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. PI-02."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(
        _("theme"),
        max_length=30,
        choices=Theme.choices,
        blank=True,
        help_text=_("The theme that groups it with other frameworks' criteria."),
    )
    provisions = models.ManyToManyField(
        Provision,
        verbose_name=_("provisions"),
        blank=True,
        related_name="criteria",
        help_text=_("The provisions of standards it rests on."),
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    seed_key = models.CharField(
        _("seed key"), max_length=150, unique=True, null=True, blank=True, editable=False
    )

    # Added at run time by django-modeltranslation, a column per language (translation.py).
    title_en: str | None
    title_es: str | None
    title_fr: str | None

    class Meta:
        ordering = ["framework", "position", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="standards_criterion_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_title}"

    def get_absolute_url(self) -> str:
        return page_path("standards:criterion", self.framework.slug, self.code)

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def display_description(self) -> str:
        return _translated(self, "description")


def _subject_in(lookup: str, value) -> models.Q:
    """The assessment's instrument or mechanism is in the place, or in one of its units."""
    q = models.Q()
    for subject in ("instrument", "mechanism"):
        for place in (f"{subject}__jurisdiction", f"{subject}__jurisdiction__parent"):
            q |= models.Q(**{f"{place}__{lookup}": value})
    return q


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AssessmentStatus.PUBLISHED)

    def in_place(self, *, region=None, countries=()):
        """Of an instrument or mechanism in the region, or in one of the countries (their
        states and provinces included)."""
        assessments = self
        if region is not None:
            assessments = assessments.filter(_subject_in("region", region))
        if countries:
            assessments = assessments.filter(_subject_in("in", countries))
        return assessments

    def filtered(self, *, region=None, country=None, framework=None, current=False):
        """The filters the API and the exports share; pages use in_place and current."""
        assessments = self.in_place(region=region, countries=[country] if country else ())
        if framework is not None:
            assessments = assessments.filter(framework=framework)
        return assessments.current() if current else assessments

    def of(self, record):
        field = "instrument" if isinstance(record, Instrument) else "mechanism"
        return self.filter(**{field: record})

    def latest_first(self):
        return self.order_by("-as_of", "-pk")

    def current(self) -> "AssessmentQuerySet":
        """The latest published assessment of each record against each framework.

        Picked in Python from one narrow query: the records are two nullable keys, and
        NULL never equals NULL in a correlated subquery.
        """
        latest: dict[tuple, int] = {}
        rows = (
            self.published()
            .order_by("-as_of", "-pk")
            .values_list("pk", "framework", "instrument", "mechanism")
        )
        for pk, framework, instrument, mechanism in rows:
            latest.setdefault((framework, instrument, mechanism), pk)
        return self.filter(pk__in=list(latest.values()))

    def with_subject(self):
        return self.select_related(
            "framework",
            "instrument",
            "instrument__jurisdiction",
            "instrument__jurisdiction__parent",
            "mechanism",
            "mechanism__jurisdiction",
            "mechanism__jurisdiction__parent",
        )

    def for_export(self):
        """What the API and the exports publish of each published assessment: its subject
        and its ratings with their evidence, in a fixed number of queries per batch."""
        return (
            self.published()
            .with_subject()
            .prefetch_related(
                exported("ratings", Rating.objects.select_related("source", "document"))
            )
        )


@dataclass
class RatingChange:
    """How the answer to one criterion changed between two assessments."""

    code: str
    title: str
    before: str | None
    after: str | None

    @property
    def before_label(self) -> str:
        return str(RatingValue(self.before).label) if self.before else ""

    @property
    def after_label(self) -> str:
        return str(RatingValue(self.after).label) if self.after else ""


class Assessment(models.Model):
    """An instrument or a mechanism rated against every criterion of a framework, as of a
    date. A re-assessment is a new Assessment; the earlier ones stay."""

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    as_of = models.DateField(
        _("as of"), help_text=_("The date the assessment describes the text or body as it was.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        help_text=_("Only published assessments are shown to the public."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The overall finding, in a few lines.")
    )
    assessed_by = models.CharField(
        _("assessed by"),
        max_length=300,
        blank=True,
        help_text=_("Who made the assessment, as shown to the public."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    # Added at run time by simple_history.register() (translation.py).
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["-as_of", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(instrument__isnull=False, mechanism__isnull=True)
                | models.Q(instrument__isnull=True, mechanism__isnull=False),
                name="standards_assessment_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.framework} ({self.as_of:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return page_path("standards:assessment", self.pk)

    @property
    def subject(self):
        return self.instrument if self.instrument_id else self.mechanism

    @property
    def country(self) -> Jurisdiction:
        return self.subject.jurisdiction.country

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    def clean(self) -> None:
        if bool(self.instrument_id) == bool(self.mechanism_id):
            raise ValidationError(_("Assess either an instrument or a mechanism, not both."))
        if self.as_of and self.as_of > timezone.localdate():
            raise ValidationError({"as_of": _("An assessment cannot describe a future date.")})

    def series(self):
        """Every published assessment of the same record against the same framework,
        newest first."""
        return (
            Assessment.objects.published()
            .filter(
                framework=self.framework_id,
                instrument=self.instrument_id,
                mechanism=self.mechanism_id,
            )
            .latest_first()
        )

    def previous(self) -> "Assessment | None":
        """The published assessment before this one, if any."""
        return (
            self.series()
            .filter(models.Q(as_of__lt=self.as_of) | models.Q(as_of=self.as_of, pk__lt=self.pk))
            .first()
        )

    def changes_since(self, earlier: "Assessment") -> list[RatingChange]:
        """The criteria whose answer differs from an earlier assessment's, by code."""
        before = {r.criterion_code: r for r in earlier.ratings.all()}
        after = {r.criterion_code: r for r in self.ratings.all()}
        changes = []
        for code in sorted(before.keys() | after.keys(), key=code_order):
            old, new = before.get(code), after.get(code)
            if old and new and old.value == new.value:
                continue
            title = (new or before[code]).display_criterion_title
            changes.append(
                RatingChange(code, title, old.value if old else None, new.value if new else None)
            )
        return changes

    def tally(self) -> dict[str, int]:
        """How many criteria get each answer: counted by the query where it annotated
        `count_<answer>` (comparison.country_profile), else from the ratings."""
        if hasattr(self, f"count_{RatingValue.MEETS}"):
            return {value: getattr(self, f"count_{value}") for value in RatingValue.values}
        counts = dict.fromkeys(RatingValue.values, 0)
        for rating in self.ratings.all():
            counts[rating.value] += 1
        return counts

    def tally_rows(self) -> list[tuple[str, str, str, int]]:
        """(answer, label, mark, count) for each answer given at least once."""
        return [
            (value, str(RatingValue(value).label), RATING_MARKS[value], count)
            for value, count in self.tally().items()
            if count
        ]

    def reassessed(self, *, by=None) -> "Assessment":
        """A new draft of the same record against the same framework, dated today, with
        this one's ratings to start from; this one stays as it is."""
        with transaction.atomic():
            new = Assessment.objects.create(
                framework=self.framework,
                instrument=self.instrument,
                mechanism=self.mechanism,
                as_of=timezone.localdate(),
                status=AssessmentStatus.DRAFT,
                created_by=by,
            )
            new.start_from(self, by=by)
        return new

    def start_from(self, earlier: "Assessment", by=None) -> None:
        """Copy an earlier assessment's ratings into this new one, for a re-assessment."""
        Rating.objects.bulk_create(
            Rating(
                assessment=self,
                criterion=r.criterion,
                criterion_code=r.criterion_code,
                criterion_title=r.criterion_title,
                value=r.value,
                justification=r.justification,
                justification_en=r.justification_en,
                justification_es=r.justification_es,
                justification_fr=r.justification_fr,
                source=r.source,
                document=r.document,
                passage=r.passage,
                quote=r.quote,
                page=r.page,
            )
            for r in earlier.ratings.all()
        )
        # Copies made in bulk have no first version in their history: record it.
        Rating.history.bulk_history_create(list(self.ratings.all()), default_user=by)


def code_order(code: str):
    prefix, _, number = code.rpartition("-")
    return (prefix, int(number) if number.isdigit() else 0, code)


class Rating(models.Model):
    """The answer to one criterion in one assessment, with its justification and evidence."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        # A criterion taken out of a framework leaves its past answers in place.
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    criterion_code = models.CharField(_("criterion code"), max_length=20, blank=True)
    criterion_title = models.CharField(
        _("criterion as assessed"),
        max_length=300,
        blank=True,
        help_text=_("The criterion's title when it was assessed; filled in on saving."),
    )
    value = models.CharField(_("answer"), max_length=20, choices=RatingValue.choices)
    justification = models.TextField(
        _("justification"), help_text=_("Why this answer, in a few sentences.")
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
        help_text=_("Where the evidence can be read."),
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
        help_text=_("The text in the library the evidence comes from."),
    )
    passage = models.CharField(
        _("article or passage"),
        max_length=200,
        blank=True,
        help_text=_("Where in the text, e.g. Article 2 or Section 3.1."),
    )
    quote = models.TextField(
        _("quotation"),
        blank=True,
        help_text=_("The words of the text that support the answer, in its own language."),
    )
    page = models.PositiveIntegerField(
        _("page"), null=True, blank=True, help_text=_("Page of the document, if known.")
    )

    # Added at run time: by django-modeltranslation, a column per language, and by
    # simple_history.register(), the history (translation.py).
    justification_en: str | None
    justification_es: str | None
    justification_fr: str | None
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["assessment", "criterion_code"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion_code"], name="standards_rating_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_code}: {self.get_value_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.criterion:
            self.criterion_code = self.criterion.code
            self.criterion_title = self.criterion.title_en or self.criterion.title
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{page_path('standards:assessment', self.assessment_id)}#c-{self.criterion_code}"

    @property
    def mark(self) -> str:
        return RATING_MARKS.get(self.value, "")

    @property
    def display_justification(self) -> str:
        return _translated(self, "justification")

    @property
    def display_criterion_title(self) -> str:
        """The criterion's current title in the visitor's language; once it is gone, the
        title it had when assessed."""
        if self.criterion_id and self.criterion:
            return self.criterion.display_title
        return self.criterion_title

    @property
    def has_evidence(self) -> bool:
        return bool(self.source_id or self.document_id or self.passage or self.quote)

    def clean(self) -> None:
        if (
            self.criterion
            and self.assessment_id
            and self.criterion.framework_id != self.assessment.framework_id
        ):
            raise ValidationError({"criterion": _("The criterion belongs to another framework.")})
        if self.value not in (RatingValue.NOT_APPLICABLE,) and not (
            self.source_id or self.document_id
        ):
            raise ValidationError(
                _("Give the evidence: a source or a document of the library, and the passage.")
            )


class RecommendationTheme(models.Model):
    """A theme of recommendations, as the source names it (e.g. UPR Info's issues)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    # Added at run time by django-modeltranslation, a column per language (translation.py).
    name_en: str | None
    name_es: str | None
    name_fr: str | None

    class Meta:
        ordering = ["name"]
        verbose_name = _("recommendation theme")
        verbose_name_plural = _("recommendation themes")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _translated(self, "name")


DEFENDERS_THEME = "Human rights defenders"


def _answers(through):
    """How many rows of a many-to-many table name the recommendation."""
    rows = (
        through.objects.filter(recommendation_id=models.OuterRef("pk"))
        .order_by()
        .values("recommendation_id")
        .annotate(n=models.Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(models.Subquery(rows), 0)


class RecommendationQuerySet(models.QuerySet):
    def on_defenders(self):
        return self.filter(themes__name_en=DEFENDERS_THEME)

    def for_listing(self):
        """What a list shows: places, and how many records answer each recommendation
        (correlated counts, which a count of the list leaves out)."""
        return self.select_related(
            "jurisdiction", "recommending_state", "jurisdiction__region"
        ).annotate(
            answers=_answers(Recommendation.answered_by_instruments.through)
            + _answers(Recommendation.answered_by_mechanisms.through)
            + _answers(Recommendation.answered_by_developments.through)
        )

    def filtered(
        self,
        *,
        region=None,
        country=None,
        body="",
        response="",
        implementation="",
        cycle=None,
        session=None,
        recommending_state=None,
        theme=None,
        words="",
    ):
        """The filters the list page, the API and the exports share (forms.
        RecommendationFilterForm reads them). `words`: each must be in the text."""
        items = self
        if region is not None:
            items = items.filter(jurisdiction__region=region)
        if country is not None:
            items = items.filter(jurisdiction=country)
        if body:
            items = items.filter(body=body)
        if response:
            items = items.filter(response=response)
        if implementation:
            items = items.filter(implementation=implementation)
        if cycle is not None:
            items = items.filter(cycle=cycle)
        if session is not None:
            items = items.filter(session=session)
        if recommending_state is not None:
            items = items.filter(recommending_state=recommending_state)
        if theme is not None:
            items = items.filter(themes=theme)
        for word in (words or "").split()[:10]:
            items = items.filter(text__icontains=word)
        return items

    def for_export(self):
        """What the API and the exports publish of each recommendation, in a fixed number
        of queries per batch."""
        return self.select_related("jurisdiction", "recommending_state").prefetch_related(
            exported("themes"),
            exported("sources"),
            exported("answered_by_instruments", Instrument.objects.only("pk", "slug")),
            exported("answered_by_mechanisms", Mechanism.objects.only("pk", "slug")),
            exported("answered_by_developments", Development.objects.only("pk")),
        )


class Recommendation(Verifiable):
    """What a UN or regional body recommended to a state, the state's response and what
    it did about it."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("state under review"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
        help_text=_("The state the recommendation was made to."),
    )
    body = models.CharField(_("body"), max_length=30, choices=Body.choices, default=Body.UPR)
    cycle = models.PositiveSmallIntegerField(
        _("cycle"), null=True, blank=True, help_text=_("Review cycle (UPR).")
    )
    session = models.PositiveSmallIntegerField(
        _("session"), null=True, blank=True, help_text=_("Session of the body.")
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it was made, if known.")
    )
    recommending_state = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("recommending state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations_made",
        limit_choices_to={"kind": Jurisdiction.Kind.COUNTRY},
    )
    recommended_by = models.CharField(
        _("recommended by"),
        max_length=300,
        blank=True,
        help_text=_("The recommending state or body as the source names it."),
    )
    text = models.TextField(_("text"), help_text=_("The recommendation, as the source gives it."))
    themes = models.ManyToManyField(
        RecommendationTheme, verbose_name=_("themes"), blank=True, related_name="recommendations"
    )
    response = models.CharField(_("response"), max_length=20, choices=Response.choices, blank=True)
    action_category = models.PositiveSmallIntegerField(
        _("action category"),
        choices=ActionCategory.choices,
        null=True,
        blank=True,
        help_text=_("How specific the action asked for is, on UPR Info's scale of 1 to 5."),
    )
    implementation = models.CharField(
        _("implementation"),
        max_length=20,
        choices=Implementation.choices,
        default=Implementation.NOT_ASSESSED,
    )
    implementation_note = models.TextField(
        _("implementation note"),
        blank=True,
        help_text=_("What the state did about it, with the evidence."),
    )
    implementation_as_of = models.DateField(_("implementation as of"), null=True, blank=True)
    answered_by_instruments = models.ManyToManyField(
        Instrument,
        verbose_name=_("answered by instruments"),
        blank=True,
        related_name="recommendations",
        help_text=_("Instruments that answer it, in whole or in part."),
    )
    answered_by_mechanisms = models.ManyToManyField(
        Mechanism,
        verbose_name=_("answered by mechanisms"),
        blank=True,
        related_name="recommendations",
    )
    answered_by_developments = models.ManyToManyField(
        Development,
        verbose_name=_("answered by developments"),
        blank=True,
        related_name="recommendations",
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="recommendations"
    )
    import_key = models.CharField(
        _("import key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Identity of an imported recommendation, so that importing again adds none."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    # Added at run time by simple_history.register() (translation.py).
    history: ClassVar["HistoryManager"]

    class Meta:
        ordering = ["jurisdiction__name", "-cycle", "-session", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [models.Index(fields=["session"])]

    def __str__(self) -> str:
        text = self.text if len(self.text) < 80 else f"{self.text[:79]}…"
        return f"{self.jurisdiction.name}: {text}"

    def get_absolute_url(self) -> str:
        return page_path("standards:recommendation", self.pk)

    @property
    def display_implementation_note(self) -> str:
        return _translated(self, "implementation_note")

    @property
    def recommending_name(self) -> str:
        return self.recommending_state.name if self.recommending_state else self.recommended_by

    @staticmethod
    def upr_cycle(session: int) -> int:
        """The UPR cycle a session belongs to: 12 sessions in the first, 14 in each since."""
        return 1 if session <= 12 else 2 + (session - 13) // 14


class GoodPracticeQuerySet(models.QuerySet):
    def public(self):
        """Published, and never from an assessment that is not itself published."""
        return self.filter(published=True).exclude(
            rating__assessment__status=AssessmentStatus.DRAFT
        )


class GoodPractice(models.Model):
    """A provision, a record or an answer that editors single out as good practice."""

    title = models.CharField(_("title"), max_length=300)
    explanation = models.TextField(
        _("explanation"), help_text=_("What makes it a good practice, and for whom.")
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
        help_text=_("The criterion it shows good practice on (taken from the rating if empty)."),
    )
    rating = models.ForeignKey(
        Rating,
        verbose_name=_("rating"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="good_practices",
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="good_practices",
    )
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="good_practices",
    )
    published = models.BooleanField(_("published"), default=False)
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="good_practices"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__framework", "criterion__position", "title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=False)
                | models.Q(instrument__isnull=False)
                | models.Q(mechanism__isnull=False),
                name="standards_good_practice_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs) -> None:
        if self.rating and not self.criterion_id:
            self.criterion_id = self.rating.criterion_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{page_path('standards:good-practices')}#g{self.pk}"

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def display_explanation(self) -> str:
        return _translated(self, "explanation")

    @property
    def subject(self):
        """The record it is about: the rated record for a rating."""
        if self.instrument_id:
            return self.instrument
        if self.mechanism_id:
            return self.mechanism
        return self.rating.assessment.subject if self.rating_id else None

    def clean(self) -> None:
        if not (self.rating_id or self.instrument_id or self.mechanism_id):
            raise ValidationError(
                _("Say what the good practice is: a rating, an instrument or a mechanism.")
            )
