"""Reading an uploaded file: check it, remove its metadata, extract its text.

Runs in the background worker (see tasks.py), never in a web request; the parsers
themselves run in a sandboxed child process (see extraction.py).
"""

import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .extraction import ExtractionFailed, Refused, check_file, extract_text, strip_metadata
from .models import DocumentFile, DocumentPage
from .signals import file_read
from .vocabulary import FileStatus

log = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    return settings.LIBRARY_MAX_UPLOAD_MB * 1024 * 1024


def read_file(item: DocumentFile) -> DocumentFile:
    """Check, clean and read one file; whatever happens, the file and its document stay,
    with the outcome and its reason recorded for editors."""
    path = Path(item.file.path)
    try:
        kind = check_file(path, item.file.name, max_upload_bytes())
        with tempfile.TemporaryDirectory(prefix="focus-strip-") as folder:
            clean = Path(folder) / f"clean{path.suffix}"
            strip_metadata(path, clean, kind)
            shutil.copyfile(clean, path)
        metadata_removed = True
        extraction = extract_text(path, kind)
    except (Refused, ExtractionFailed) as problem:
        log.info("file %s not read: %s", item.pk, problem.reason)
        with transaction.atomic():
            DocumentPage.objects.filter(file=item).delete()
            DocumentFile.objects.filter(pk=item.pk).update(
                status=FileStatus.FAILED,
                status_note=str(problem.reason),
                page_count=0,
                read_at=timezone.now(),
            )
        item.refresh_from_db()
        file_read.send(sender=DocumentFile, file=item)
        return item
    pages = list(extraction.pages)
    has_text = any(text.strip() for text in pages)
    with transaction.atomic():
        DocumentPage.objects.filter(file=item).delete()
        DocumentPage.objects.bulk_create(
            DocumentPage(file=item, number=number, text=text)
            for number, text in enumerate(pages, start=1)
        )
        DocumentFile.objects.filter(pk=item.pk).update(
            kind=kind,
            size=path.stat().st_size,
            metadata_removed=metadata_removed,
            page_count=len(pages),
            status=FileStatus.READY if has_text else FileStatus.NO_TEXT,
            status_note=str(extraction.note),
            read_at=timezone.now(),
        )
    item.refresh_from_db()
    file_read.send(sender=DocumentFile, file=item)
    return item
