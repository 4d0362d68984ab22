"""Places at upcoming convenings: registering, the waiting list, cancelling, and the
e-mails that tell each person where they stand.

A registration keeps only what the organiser needs: a name to call the person by, an
address to write to, and the language to write in. Whether an address is registered is
never shown on a page: a second registration of the same address gets the same answer as
the first, and an e-mail to that address says where its registration stands.
"""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from focus.core.paths import page_path

from .convenings import display_dates, display_place, display_title, is_upcoming
from .models import Convening, Registration

log = logging.getLogger(__name__)

Status = Registration.Status


class RegistrationClosed(Exception):
    """The convening takes no registration: closed by its editors, or over."""


def accepts_registrations(convening: Convening) -> bool:
    """Open for registration by its editors, published, and not over."""
    return convening.registration_open and convening.published and is_upcoming(convening)


@dataclass
class Places:
    capacity: int | None
    confirmed: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def places(convening: Convening) -> Places:
    counts = convening.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    return Places(convening.capacity, counts["confirmed"], counts["waiting"])


def _locked(convening: Convening) -> Convening:
    """The convening, locked until the end of the transaction: two people cannot take the
    last place at once (PostgreSQL; SQLite writes one transaction at a time anyway)."""
    return Convening.objects.select_for_update().get(pk=convening.pk)


@transaction.atomic
def registration_create(
    *, convening: Convening, name: str, email: str, language: str
) -> tuple[Registration, bool]:
    """A place if one is left, else a place on the waiting list; an e-mail says which.

    The same address again makes no second registration: its holder is written to about
    the one there is. An address that cancelled may register again, at the end of the
    queue. Returns the registration and whether it is new.
    """
    convening = _locked(convening)
    if not accepts_registrations(convening):
        raise RegistrationClosed
    existing = convening.registrations.filter(email__iexact=email).first()
    if existing is not None and existing.status != Status.CANCELLED:
        _mail_later(existing, "again")
        return existing, False
    status = Status.WAITING if places(convening).full else Status.CONFIRMED
    try:
        with transaction.atomic():
            if existing is not None:
                registration = existing
                registration.name, registration.language = name, language
                registration.status = status
                registration.created = timezone.now()
                registration.uuid = uuid.uuid4()  # the old link no longer works
                registration.save()
            else:
                registration = Registration.objects.create(
                    convening=convening, name=name, email=email, language=language, status=status
                )
    except IntegrityError:  # the same address, a moment earlier, in another request
        registration = convening.registrations.get(email=email)
        _mail_later(registration, "again")
        return registration, False
    _mail_later(registration, "confirmed" if status == Status.CONFIRMED else "waiting")
    return registration, True


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[Registration]:
    """Cancel a registration; a place it frees goes to the first on the waiting list, who
    is told by e-mail. Cancelling twice changes nothing. Returns who was promoted."""
    convening = _locked(registration.convening)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return []
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    return promote_waiting(convening)


@transaction.atomic
def promote_waiting(convening: Convening) -> list[Registration]:
    """Give the places left to the waiting list, first come first served (after a
    cancellation, or when editors add places)."""
    convening = _locked(convening)
    left = places(convening).left
    if left is None:
        left = convening.registrations.filter(status=Status.WAITING).count()
    promoted = list(
        convening.registrations.filter(status=Status.WAITING).order_by("created", "pk")[:left]
    )
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status"])
        _mail_later(registration, "promoted")
    return promoted


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Status.WAITING:
        return None
    return (
        registration.convening.registrations.filter(status=Status.WAITING)
        .filter(
            Q(created__lt=registration.created)
            | Q(created=registration.created, pk__lte=registration.pk)
        )
        .count()
    )


# E-mails


def _subject(kind: str, title: str) -> str:
    # Each subject spelled out, so that makemessages finds it.
    subjects = {
        "confirmed": _("Your place at %(title)s"),
        "waiting": _("You are on the waiting list for %(title)s"),
        "promoted": _("A place is yours at %(title)s"),
        "again": _("Your registration for %(title)s"),
    }
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subjects[kind] % {'title': title}}"


def _mail_later(registration: Registration, kind: str) -> None:
    pk = registration.pk
    transaction.on_commit(lambda: send_registration_mail(pk, kind))


def send_registration_mail(registration_id: int, kind: str) -> bool:
    """A plain-text e-mail in the registration's language: where it stands, and the link
    to see it or cancel it. A mail server that is down loses no registration."""
    registration = (
        Registration.objects.select_related("convening__country").filter(pk=registration_id).first()
    )
    if registration is None:
        return False
    convening = registration.convening
    with translation.override(registration.language):
        title = display_title(convening)
        body = render_to_string(
            "network/convening_email.txt",
            {
                "kind": kind,
                "registration": registration,
                "title": title,
                "when": display_dates(convening),
                "where": display_place(convening),
                "page": settings.SITE_URL + page_path("network:convening", convening.slug),
                "link": settings.SITE_URL
                + reverse("network:registration", args=[registration.uuid]),
                "position": waiting_position(registration),
            },
        )
        subject = _subject(kind, " ".join(str(title).split())[:150])
    try:
        return bool(send_mail(subject, body, None, [registration.email]))
    except OSError:
        log.exception("Could not send the %s e-mail of registration %s", kind, registration.pk)
        return False


def erase_past_registrations(today=None) -> int:
    """Erase the registrations of convenings that ended more than REGISTRATION_KEEP_DAYS
    ago (or began then, when no end is known); returns how many were erased."""
    today = today or timezone.localdate()
    before = today - dt.timedelta(days=settings.REGISTRATION_KEEP_DAYS)
    ended = Q(convening__end_date__lt=before) | Q(
        convening__end_date__isnull=True, convening__start_date__lt=before
    )
    erased, _by_model = Registration.objects.filter(ended).delete()
    return erased
