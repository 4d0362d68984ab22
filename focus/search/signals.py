"""Keep the index current: a record is indexed again once its transaction commits (so
that its many-to-many relations and files are in place)."""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from focus.library.models import Document, DocumentFile
from focus.library.signals import file_read
from focus.policies.models import Development, Instrument, Mechanism
from focus.standards.models import Recommendation

from . import indexing
from .models import RecordType

MODELS = {
    Instrument: RecordType.INSTRUMENT,
    Mechanism: RecordType.MECHANISM,
    Development: RecordType.DEVELOPMENT,
    Document: RecordType.DOCUMENT,
    Recommendation: RecordType.RECOMMENDATION,
}


# Records waiting for their transaction to commit. A record saved and then given its
# relations, or a seed file of hundreds of records, is indexed once, in batches.
_waiting = threading.local()


def _later(record_type: str, record_id: int) -> None:
    waiting = _waiting.__dict__.setdefault("records", {})
    waiting.setdefault(record_type, set()).add(record_id)
    transaction.on_commit(_index_waiting)


def _index_waiting() -> None:
    # The first callback of a transaction indexes everything; the others find nothing.
    # Records of a transaction rolled back stay waiting, and indexing them again later
    # is harmless: it reads them as they are.
    waiting = _waiting.__dict__.pop("records", {})
    for record_type, ids in waiting.items():
        indexing.reindex_many(record_type, sorted(ids))


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _later(MODELS[sender], instance.pk)


def _deleted(sender, instance, **kwargs):
    indexing.remove(MODELS[sender], instance.pk)


for model in MODELS:
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


@receiver(m2m_changed, sender=Document.jurisdictions.through, dispatch_uid="search-doc-places")
@receiver(m2m_changed, sender=Document.regions.through, dispatch_uid="search-doc-regions")
@receiver(m2m_changed, sender=Document.authors.through, dispatch_uid="search-doc-authors")
def _document_relations(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Document):
        _later(RecordType.DOCUMENT, instance.pk)


@receiver(post_delete, sender=DocumentFile, dispatch_uid="search-file-deleted")
def _file_deleted(sender, instance, **kwargs):
    _later(RecordType.DOCUMENT, instance.document_id)


@receiver(file_read, dispatch_uid="search-file-read")
def _file_read(sender, file, **kwargs):
    _later(RecordType.DOCUMENT, file.document_id)
