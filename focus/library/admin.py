from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from focus.core.admin import HistoryTranslationAdmin

from .forms import DocumentFileForm
from .models import Document, DocumentFile, Topic
from .tasks import read_uploaded_file
from .vocabulary import FileStatus


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 1
    fields = ("role", "language", "file", "status", "status_note", "page_count", "metadata_removed")
    readonly_fields = ("status", "status_note", "page_count", "metadata_removed")


@admin.register(Document)
class DocumentAdmin(HistoryTranslationAdmin):
    list_display = ("__str__", "kind", "date", "file_status", "published")
    list_filter = ("kind", "published", "files__status", "files__language", "jurisdictions__region")
    search_fields = ("title", "title_original", "slug")
    prepopulated_fields = {"slug": ("title_original",)}
    autocomplete_fields = ("authors", "jurisdictions", "instruments", "mechanisms", "developments")
    filter_horizontal = ("regions", "topics")
    inlines = [DocumentFileInline]

    @admin.display(description=_("text of the files"))
    def file_status(self, obj: Document) -> str:
        statuses = [f.get_status_display() for f in obj.files.all()]
        return ", ".join(statuses) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not DocumentFile:
            return
        replaced = [obj for obj, fields in formset.changed_objects if "file" in fields]
        for item in [*formset.new_objects, *replaced]:
            # A new or replaced file is checked, cleaned and read by the worker.
            DocumentFile.objects.filter(pk=item.pk).update(
                status=FileStatus.WAITING, metadata_removed=False, status_note=""
            )
            transaction.on_commit(lambda pk=item.pk: read_uploaded_file.enqueue(pk))


@admin.register(Topic)
class TopicAdmin(HistoryTranslationAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
