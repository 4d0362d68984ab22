"""What happens to a contribution: received, reviewed, then accepted, declined or marked
as a duplicate. Accepting goes through `accept()` alone, whatever the kind, so that every
record the public proposes is created or changed the same way, with its sources, its
credit and a log line."""

import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from focus.core.roles import TRUSTED_CONTRIBUTORS
from focus.library.models import Document, DocumentFile, sha256_of
from focus.library.tasks import read_uploaded_file
from focus.library.vocabulary import FileRole, FileStatus
from focus.policies.models import Source

from .models import Action, Contribution, Decision, Kind, Status

log = logging.getLogger(__name__)


def unique_slug(model, base: str, max_length: int = 120) -> str:
    base = (slugify(base) or "record")[:max_length].strip("-")
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - 5]}-{n}"
    return slug


@transaction.atomic
def receive(form, *, language: str, account=None, target=None) -> tuple[Contribution, str]:
    """Keep a valid contribution form; returns the contribution and its receipt code."""
    data = form.cleaned_data
    contribution = Contribution(
        kind=form.kind,
        language=language,
        proposal=form.proposal(),
        sources=data.get("sources", []),
        name=data.get("name", ""),
        organisation=data.get("organisation", ""),
        contact=data.get("contact", ""),
        credit=data["credit"],
        consented_at=timezone.now(),
        account=account if account and account.is_authenticated else None,
        trusted=bool(account and account.is_authenticated and _is_trusted(account)),
    )
    if target is not None:
        contribution.target_type = ContentType.objects.get_for_model(target)
        contribution.target_id = target.pk
    code = contribution.set_receipt()
    upload = data.get("upload")
    if upload:
        # Named by its checksum: the sender's file name may say who they are.
        suffix = Path(upload.name).suffix.lower()[:10]
        contribution.upload.save(f"{sha256_of(upload)}{suffix}", upload, save=False)
    contribution.save()
    Decision.objects.create(contribution=contribution, action=Action.RECEIVED)
    transaction.on_commit(lambda: notify_editors(contribution.pk))
    return contribution, code


def _is_trusted(account) -> bool:
    return account.groups.filter(name=TRUSTED_CONTRIBUTORS).exists()


def moderators():
    permission = Permission.objects.get(
        codename="moderate_contribution", content_type__app_label="contributions"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )


def notify_editors(contribution_id: int) -> int:
    """An e-mail to each editor who moderates: a new contribution waits. Says nothing of
    who sent it. Returns how many were sent."""
    contribution = Contribution.objects.filter(pk=contribution_id).first()
    if contribution is None:
        return 0
    sent = 0
    with translation.override("en"):
        subject = _("New contribution to review: %(kind)s") % {
            "kind": contribution.get_kind_display()
        }
        body = _("A new contribution is waiting for review:\n%(path)s") % {
            "path": settings.SITE_URL + reverse("contributions:review", args=[contribution.pk])
        }
    for editor in moderators():
        try:
            sent += send_mail(subject, body, None, [editor.email])
        except OSError:  # a mail server that is down must not lose the contribution
            log.exception("Could not tell %s of contribution %s", editor.pk, contribution.pk)
    return sent


def _log(contribution, action, editor, note=""):
    Decision.objects.create(contribution=contribution, action=action, editor=editor, note=note)


@transaction.atomic
def open_for_review(contribution: Contribution, editor) -> None:
    if contribution.status == Status.RECEIVED:
        contribution.status = Status.UNDER_REVIEW
        contribution.save(update_fields=["status", "updated"])
        _log(contribution, Action.OPENED, editor)


def sources_of(contribution: Contribution) -> list[Source]:
    return [Source.objects.get_or_create(url=url[:1000])[0] for url in contribution.sources]


@transaction.atomic
def accept(contribution: Contribution, editor, form) -> object:
    """Create or change the record the contribution proposes, from the editor's form
    (the proposal as the editor left it), with the contribution's sources.

    Returns the record. The form has been validated by the caller.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_open:
        raise ValueError("This contribution has already been decided.")
    edited = form.has_changed()
    if hasattr(form.instance, "credit"):
        form.instance.credit(contribution.credit_line)
    record = form.save()
    if hasattr(record, "sources"):
        record.sources.add(*sources_of(contribution))
    if contribution.kind == Kind.DOCUMENT and contribution.upload:
        _attach_upload(contribution, record)
    contribution.status = Status.PUBLISHED
    contribution.result_type = ContentType.objects.get_for_model(record)
    contribution.result_id = record.pk
    contribution.save()
    _log(contribution, Action.EDITED if edited else Action.ACCEPTED, editor)
    return record


@transaction.atomic
def applied(contribution: Contribution, editor, note: str = "") -> None:
    """A correction the editor made by hand (in the admin): publish it as done, with the
    record it corrected as its result."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_open or contribution.target is None:
        raise ValueError("Only an open correction of an existing record can be applied.")
    contribution.status = Status.PUBLISHED
    contribution.result_type, contribution.result_id = (
        contribution.target_type,
        contribution.target_id,
    )
    contribution.save()
    _log(contribution, Action.ACCEPTED, editor, note or "applied by hand")


def _attach_upload(contribution: Contribution, document: Document) -> None:
    """The sent file joins the library, where it is cleaned of its metadata and read before
    anyone can download it; the contribution's own copy is then deleted."""
    upload = contribution.upload
    upload.open("rb")
    try:
        checksum = sha256_of(upload)
        if not DocumentFile.objects.filter(checksum=checksum).exists():
            item = DocumentFile(
                document=document,
                role=FileRole.ORIGINAL,
                language=contribution.proposal.get("language", ""),
                checksum=checksum,
                kind=contribution.proposal.get("file_kind", ""),
                size=upload.size,
                status=FileStatus.WAITING,
            )
            item.file.save(Path(upload.name).name, ContentFile(upload.read()), save=False)
            item.save()
            transaction.on_commit(lambda: read_uploaded_file.enqueue(item.pk))
    finally:
        upload.close()
    contribution.upload.delete(save=False)


@transaction.atomic
def decline(contribution: Contribution, editor, reason: str) -> None:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_open:
        raise ValueError("This contribution has already been decided.")
    contribution.status = Status.DECLINED
    contribution.reason = reason
    if contribution.upload:
        contribution.upload.delete(save=False)  # not kept: it may say who sent it
    contribution.save()
    _log(contribution, Action.DECLINED, editor, reason)


@transaction.atomic
def mark_duplicate(
    contribution: Contribution, editor, original: Contribution | None, note=""
) -> None:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_open:
        raise ValueError("This contribution has already been decided.")
    contribution.status = Status.DUPLICATE
    contribution.duplicate_of = original
    contribution.reason = note
    if contribution.upload:
        contribution.upload.delete(save=False)
    contribution.save()
    _log(contribution, Action.DUPLICATE, editor, note)
