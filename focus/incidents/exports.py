"""Exports of cases: an analyst asks for the cases of a country and years, with or without
the sealed fields, and says why; an administrator other than them approves or refuses,
once; the analyst may then download the file until it expires (CASE_EXPORT_HOURS).

The file is written at each download from the cases the analyst may read then
(access.visible), and stored nowhere: a case made confidential since, or an analyst who
has left the role, is not exported on an approval given earlier.
"""

import csv
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focus.api.exports import defuse
from focus.core.roles import ADMINISTRATORS

from . import access
from .models import Act, CaseExport, CaseRead, Incident, Perpetrator, Victim

# Plain facts, in every file: codes as stored, the case named by its uuid.
PLAIN_COLUMNS = [
    "case",
    "date",
    "date_precision",
    "country",
    "subdivision",
    "act",
    "victim_kind",
    "profile",
    "gender",
    "age_band",
    "protected",
    "perpetrator",
    "confidentiality",
]
# Opened sealed fields, only in a file approved with them.
SEALED_COLUMNS = [
    "place",
    "narrative",
    "victim_name",
    "victim_contact",
    "perpetrator_note",
    "sources",
]
CHUNK = 200


class NotAllowed(Exception):
    """A step of an export that this person may not take, or not any more."""


def may_decide(user) -> bool:
    """Administrators (and superusers) approve and refuse exports."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists())
    )


def request(
    user, reason: str, country=None, year_from=None, year_to=None, with_sealed=False
) -> CaseExport:
    """An analyst asks for an export; it waits for an administrator."""
    if not access.is_analyst(user):
        raise NotAllowed(_("Only analysts may ask for an export of cases."))
    if not (reason or "").strip():
        raise NotAllowed(_("Say why and for whom the cases are needed."))
    if year_from and year_to and year_from > year_to:
        raise NotAllowed(_("The first year comes after the last."))
    return CaseExport.objects.create(
        requested_by=user,
        reason=reason.strip(),
        country=country,
        year_from=year_from,
        year_to=year_to,
        with_sealed=with_sealed,
    )


def approve(export: CaseExport, administrator) -> CaseExport:
    """Approve a request: its analyst may download it for CASE_EXPORT_HOURS."""
    now = timezone.now()
    return _decide(
        export,
        administrator,
        status=CaseExport.Status.APPROVED,
        decided=now,
        expires=now + dt.timedelta(hours=settings.CASE_EXPORT_HOURS),
    )


def refuse(export: CaseExport, administrator) -> CaseExport:
    """Refuse a request: nothing of it can be downloaded."""
    return _decide(export, administrator, status=CaseExport.Status.REFUSED, decided=timezone.now())


def _decide(export: CaseExport, administrator, **values) -> CaseExport:
    if not may_decide(administrator):
        raise NotAllowed(_("Only administrators decide on exports of cases."))
    # Four eyes: one person both asking and approving would be no control at all.
    if export.requested_by_id is not None and export.requested_by_id == administrator.pk:
        raise NotAllowed(_("Another administrator must decide on your own request."))
    values["decided_by"] = administrator
    # Decided once: the update applies only while the request waits, so that two
    # administrators deciding at the same moment cannot both succeed.
    waiting = CaseExport.objects.filter(pk=export.pk, status=CaseExport.Status.REQUESTED)
    if not waiting.update(**values):
        raise NotAllowed(_("This request has already been decided."))
    for name, value in values.items():
        setattr(export, name, value)
    return export


def is_open(export: CaseExport) -> bool:
    """Approved and not expired."""
    return (
        export.status == CaseExport.Status.APPROVED
        and export.expires is not None
        and export.expires > timezone.now()
    )


def is_downloadable(export: CaseExport, user) -> bool:
    """Approved, not expired, and asked by this user, who is still an analyst."""
    return (
        is_open(export)
        and user.is_authenticated
        and export.requested_by_id == user.pk
        and access.is_analyst(user)
    )


def covered(export: CaseExport, user) -> QuerySet[Incident]:
    """The cases of the export's scope that `user` may read."""
    incidents = access.visible(Incident.objects.all(), user)
    if export.country_id:
        incidents = incidents.filter(country_id=export.country_id)
    if export.year_from:
        incidents = incidents.filter(date__year__gte=export.year_from)
    if export.year_to:
        incidents = incidents.filter(date__year__lte=export.year_to)
    return incidents


def count_covered(export: CaseExport) -> int:
    """How many cases the export would hold for its analyst: a number, never a case."""
    if export.requested_by is None:
        return 0
    return covered(export, export.requested_by).count()


def columns(export: CaseExport) -> list[str]:
    return PLAIN_COLUMNS + (SEALED_COLUMNS if export.with_sealed else [])


def rows(export: CaseExport, user) -> Iterator[list[str]]:
    """One row per act of each case covered, or per victim of a case without acts (one
    row for a case with neither), in the order of `columns()`."""
    prefetch: list[str | Prefetch] = [
        Prefetch("acts", queryset=Act.objects.select_related("victim", "perpetrator")),
        "victims",
    ]
    if export.with_sealed:
        prefetch.append("sources")
    incidents = (
        covered(export, user)
        .select_related("country", "subdivision")
        .prefetch_related(*prefetch)
        .order_by(F("date").asc(nulls_last=True), "pk")
    )
    for incident in incidents.iterator(chunk_size=CHUNK):
        parts: list[tuple[Act | None, Victim | None, Perpetrator | None]] = [
            (act, act.victim, act.perpetrator) for act in incident.acts.all()
        ]
        parts = parts or [(None, victim, None) for victim in incident.victims.all()]
        for act, victim, perpetrator in parts or [(None, None, None)]:
            row = [
                str(incident.uuid),
                incident.date.isoformat() if incident.date else "",
                incident.date_precision,
                incident.country.code,
                incident.subdivision.code if incident.subdivision else "",
                act.kind if act else "",
                victim.kind if victim else "",
                victim.profile if victim else "",
                victim.gender if victim else "",
                victim.age_band if victim else "",
                _yes_no(victim.protected) if victim else "",
                perpetrator.kind if perpetrator else "",
                incident.confidentiality,
            ]
            if export.with_sealed:
                row += [
                    incident.place,
                    incident.narrative,
                    victim.name if victim else "",
                    victim.contact if victim else "",
                    perpetrator.note if perpetrator else "",
                    "; ".join(source.reference for source in incident.sources.all()),
                ]
            # A spreadsheet must not run a name or a narrative as a formula.
            yield [defuse(str(value)) for value in row]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


class _Line:
    """csv.writer writes into this and gets the line back."""

    def write(self, text: str) -> str:
        return text


def _lines(export: CaseExport, user) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(columns(export))
    for row in rows(export, user):
        yield writer.writerow(row)


def download(export: CaseExport, user) -> Iterator[str]:
    """The lines of the CSV file, counted as one download; NotAllowed unless the user may
    download it now."""
    if not is_downloadable(export, user):
        raise NotAllowed(_("This export cannot be downloaded."))
    now = timezone.now()
    CaseExport.objects.filter(pk=export.pk).update(
        downloads=F("downloads") + 1, last_downloaded=now
    )
    export.refresh_from_db(fields=["downloads", "last_downloaded"])
    # Taking a case out is reading it: each case of the file is logged as read.
    CaseRead.objects.bulk_create(
        (
            CaseRead(incident_id=pk, user=user, page=CaseRead.Page.EXPORT)
            for pk in covered(export, user).values_list("pk", flat=True).iterator()
        ),
        batch_size=1000,
    )
    return _lines(export, user)


def write_csv(export: CaseExport, user, out) -> None:
    """Write the export's CSV file into `out` (a text file), as one download."""
    for line in download(export, user):
        out.write(line)
