"""Keep the index current: a record is indexed again once its transaction commits (so
that its many-to-many relations and files are in place)."""

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


def _later(record_type: str, record_id: int) -> None:
    transaction.on_commit(lambda: indexing.reindex(record_type, record_id))


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
