"""The people who act, and where they meet: networks (the MPforHRD parliamentary network,
the Focal Points network), their members and focal-point delegations, the calls to act
with members' pledges and report-backs, and the convenings.

What a member writes and who a member is stay inside the network: the public sees a
network's About page, its public statements, the members who chose to be shown (only
the fields they chose), and counts by country.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from focus.core.dates import DatePrecision, check_partial_date, format_partial_date, normalise
from focus.core.paths import page_path
from focus.core.text import localised_markdown
from focus.core.text import translated as _translated
from focus.geo.models import Jurisdiction
from focus.library.models import Document, Topic
from focus.policies.models import Development, Instrument, Source
from focus.standards.vocabulary import Implementation

from .vocabulary import (
    ActionKind,
    Attendance,
    ConveningKind,
    MembershipStatus,
    NetworkKind,
    Notify,
    Role,
    StakeholderGroup,
)

COUNTRY = {"kind": Jurisdiction.Kind.COUNTRY}


class NetworkQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)


class Network(models.Model):
    """A network of people who act for defenders, with its public About page."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    moderated_by = models.CharField(
        _("moderated by"), max_length=300, blank=True, help_text=_("The organisation that runs it.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences."))
    about = models.TextField(
        _("About page"),
        blank=True,
        help_text=_("The About page, in Markdown: what it is and does."),
    )
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True)
    published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return page_path("network:network", self.slug)

    @property
    def display_name(self) -> str:
        return _translated(self, "name")

    @property
    def display_summary(self) -> str:
        return _translated(self, "summary")

    @property
    def about_html(self) -> str:
        return localised_markdown(_translated(self, "about"))


class Delegation(models.Model):
    """A country's multi-stakeholder focal-point delegation (government, national human
    rights institution, civil society) in a network."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="delegations"
    )
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COUNTRY,
    )
    institutions = models.TextField(
        _("institutions taking part"), blank=True, help_text=_("One per line.")
    )
    institutions_public = models.BooleanField(
        _("institutions shown to the public"),
        default=False,
        help_text=_("Only once the delegation has agreed."),
    )
    work_plan = models.TextField(_("work plan"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["network", "country__name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "country"], name="network_one_delegation_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.country}"


class FollowUp(models.Model):
    """Where a recommendation the delegation's country received stands, as the delegation
    follows it up, with the evidence. Seen by the delegation's members and the network's
    moderators only."""

    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    recommendation = models.ForeignKey(
        "standards.Recommendation",
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Implementation.choices)
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        max_length=10_000,
        help_text=_("What shows it: a text adopted, a budget, a meeting, a source."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        "Member",
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["delegation", "recommendation"]
        verbose_name = _("follow-up of a recommendation")
        verbose_name_plural = _("follow-ups of recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "recommendation"], name="network_one_follow_up"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation} · {self.get_status_display()}"


class Member(models.Model):
    """A person's membership of a network, from the application on. Nothing here is
    public unless the member lists the field in `shown` (default: nothing)."""

    # The fields a member may choose to show in the public directory.
    SHOWABLE = ("display_name", "country", "parliament", "party_group", "committees", "delegation")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    display_name = models.CharField(_("name shown"), max_length=200)
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COUNTRY,
    )
    # Parliamentarians.
    parliament = models.CharField(_("parliament"), max_length=200, blank=True)
    party_group = models.CharField(_("party or group"), max_length=200, blank=True)
    committees = models.CharField(_("committees"), max_length=500, blank=True)
    # Focal points.
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=20, choices=StakeholderGroup.choices, blank=True
    )
    motivation = models.TextField(
        _("why they apply"), blank=True, help_text=_("Read by the moderators only.")
    )
    shown = models.JSONField(
        _("shown in the public directory"),
        default=list,
        blank=True,
        help_text=_("The fields the member chose to show; none by default."),
    )
    notify = models.CharField(
        _("e-mail about new actions and replies"),
        max_length=10,
        choices=Notify.choices,
        default=Notify.IMMEDIATE,
    )
    applied = models.DateTimeField(_("applied"), auto_now_add=True)
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["network", "display_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="network_one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.network})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    def public_fields(self) -> list[tuple[str, str]]:
        """What this member chose to show the public, as (label, value): nothing unless
        they chose, and never a field outside SHOWABLE."""
        shown = []
        for name in self.SHOWABLE:
            if name not in self.shown:
                continue
            value = getattr(self, name)
            if name == "country":
                value = value.name
            elif name == "delegation":
                value = value.country.name if value else ""
            if value:
                label = self._meta.get_field(name).verbose_name  # type: ignore[union-attr]
                shown.append((str(label), str(value)))
        return shown

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == Role.MODERATOR


class MemberListReading(models.Model):
    """Who opened a network's member list, and when (moderators can see this log)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("reading of the member list")
        verbose_name_plural = _("readings of the member list")

    def __str__(self) -> str:
        return f"{self.user} · {self.at:%Y-%m-%d %H:%M}"


class Statement(models.Model):
    """A network's public statement or action, shown on its About page."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="statements"
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    body = models.TextField(_("text"), help_text=_("Markdown."))
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("public statement")
        verbose_name_plural = _("public statements")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return _translated(self, "title")

    @property
    def body_html(self) -> str:
        return localised_markdown(_translated(self, "body"))


class Thread(models.Model):
    """A conversation in a network's members' space, by topic and country."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=300)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COUNTRY,
    )
    started_by = models.ForeignKey(
        Member, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    # Messages shown on one page of a conversation, oldest first.
    POSTS_PER_PAGE = 50

    class Meta:
        ordering = ["-created"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_path("network:thread", self.network.slug, self.pk)

    def post_path(self, post: "Post") -> str:
        """Where a message is read: on its page of the conversation, at the message."""
        before = self.posts.filter(
            models.Q(created__lt=post.created) | models.Q(created=post.created, pk__lt=post.pk)
        ).count()
        page = before // self.POSTS_PER_PAGE + 1
        query = f"?page={page}" if page > 1 else ""
        return f"{self.get_absolute_url()}{query}#post-{post.pk}"


class Action(models.Model):
    """A call to the network's members to act on a situation, and its outcome."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=300)
    situation = models.TextField(_("the situation"), help_text=_("Markdown."))
    asks = models.JSONField(
        _("what members can do"),
        default=list,
        help_text=_("A question, a letter, a statement, a visit."),
    )
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COUNTRY,
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument or draft bill"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    development = models.ForeignKey(
        Development,
        verbose_name=_("development"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommendation = models.ForeignKey(
        "standards.Recommendation",
        verbose_name=_("UPR recommendation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    created_by = models.ForeignKey(
        Member, verbose_name=_("called by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """A member's message: in a thread, or a reply under an action."""

    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        Member, verbose_name=_("author"), on_delete=models.CASCADE, related_name="posts"
    )
    body = models.TextField(_("text"), max_length=20_000, help_text=_("Markdown."))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=False, action__isnull=True)
                | models.Q(thread__isnull=True, action__isnull=False),
                name="network_post_in_a_thread_or_under_an_action",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.created:%Y-%m-%d %H:%M}"


class Pledge(models.Model):
    """What a member undertakes to do on an action, and later what they did."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="pledges"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="pledges"
    )
    kind = models.CharField(_("what"), max_length=10, choices=ActionKind.choices)
    note = models.TextField(_("note"), blank=True, max_length=5_000)
    report_back = models.TextField(
        _("report-back"),
        blank=True,
        max_length=20_000,
        help_text=_("What was done, and its result."),
    )
    created = models.DateTimeField(_("pledged"), auto_now_add=True)
    reported = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "member", "kind"], name="network_one_pledge_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_kind_display()}"


class Resource(models.Model):
    """A model letter or question, a standard, a library document: for members."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("standard"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("library document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title


class ConveningQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)


class Convening(models.Model):
    """A conference, seminar, forum or consultation that brings defenders and officials
    together: past ones with their materials and outcomes, upcoming ones open for
    registration."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_original = models.CharField(
        _("title in its language"),
        max_length=300,
        blank=True,
        help_text=_("As the source gives it."),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ConveningKind.choices)
    organisers = models.TextField(_("organisers"), blank=True, help_text=_("One per line."))
    start_date = models.DateField(_("start"), null=True, blank=True)
    start_date_precision = models.CharField(
        _("start precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_date_precision = models.CharField(
        _("end precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COUNTRY,
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("ISO 639-1 codes, comma-separated.")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("materials and outcomes"),
        blank=True,
        related_name="convenings",
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), blank=True, related_name="convenings"
    )
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, blank=True)
    # Registration, for upcoming convenings.
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)

    objects = ConveningQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "slug"]
        verbose_name = _("convening")
        verbose_name_plural = _("convenings")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.start_date = normalise(self.start_date, self.start_date_precision)
        self.end_date = normalise(self.end_date, self.end_date_precision)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        check_partial_date(self, "start_date", "start_date_precision")
        check_partial_date(self, "end_date", "end_date_precision")

    @property
    def display_start(self) -> str:
        return format_partial_date(self.start_date, self.start_date_precision)


class Registration(models.Model):
    """A place at an upcoming convening: no more than the organiser needs (a name to
    call them by, an address to confirm to, the language to write in)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "email"], name="network_one_registration_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.convening} · {self.get_status_display()}"
