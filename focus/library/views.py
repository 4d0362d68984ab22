from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound, page_of
from focus.geo.models import Jurisdiction

from . import search_inside
from .filters import LibraryFilterForm
from .models import TEXT_PAGES_SHOWN, Document, DocumentFile, DocumentPage, text_page_query
from .structured import document_json_ld
from .vocabulary import FileStatus

LIBRARY_PAGE_SIZE = 20


@require_safe
def library(request):
    """Documents, browsed by region and refined by country, kind, author, year, language."""
    form = LibraryFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "library/library.html", {"form": form}, status=400)
    documents = Document.objects.public().for_listing().filtered(**form.cleaned_data)
    page = page_of(request, documents.order_by("-date", "slug"), LIBRARY_PAGE_SIZE)
    return render(
        request,
        "library/library.html",
        {"form": form, "page": page, "filtered": any(form.cleaned_data.values())},
    )


def _document_or_404(slug: str) -> Document:
    document = (
        Document.objects.public()
        .prefetch_related(
            "authors",
            # Their pages' addresses name the country or the region.
            Prefetch(
                "jurisdictions", queryset=Jurisdiction.objects.select_related("parent", "region")
            ),
            "regions",
            "topics",
            "instruments",
            "mechanisms",
            Prefetch("files", queryset=DocumentFile.objects.order_by("role", "language")),
        )
        .filter(slug=slug)
        .first()
    )
    if document is None:
        raise NotFound(_("There is no document at this address. It may have been renamed."))
    return document


@require_safe
def document(request, slug: str):
    """A document: what it is, its files, and its text, with search inside it."""
    item = _document_or_404(slug)
    files = list(item.files.all())
    readable = [f for f in files if f.status == FileStatus.READY]
    shown = readable[0] if readable else None
    chosen = request.GET.get("file")
    if chosen:
        shown = next((f for f in readable if str(f.pk) == chosen), None)
        if shown is None:
            raise NotFound(_("This document has no readable file with that number."))
    query = request.GET.get("q", "")[:500]
    hits, text_page = [], None
    if shown is not None:
        pages = DocumentPage.objects.filter(file=shown).order_by("number")
        if query.strip():
            # Each hit with the page of this view that shows its page of text.
            hits = [
                (hit, text_page_query(shown.pk, hit.page))
                for hit in search_inside.find(pages.iterator(), query)
            ]
        else:
            text_page = page_of(request, pages, TEXT_PAGES_SHOWN)
    return render(
        request,
        "library/document.html",
        {
            "document": item,
            "files": files,
            "shown": shown,
            "query": query,
            "hits": hits,
            "text_page": text_page,
            "json_ld": document_json_ld(
                item,
                request.build_absolute_uri(item.get_absolute_url()),
                request.build_absolute_uri,
            ),
        },
    )


@require_safe
def download(request, slug: str, file_id: int):
    """A file of a document, once its metadata has been removed."""
    item = DocumentFile.objects.filter(
        pk=file_id, document__slug=slug, document__published=True
    ).first()
    if item is None or not item.downloadable:
        raise NotFound(_("This file is not available (yet)."))
    name = f"{slug}-{item.language}{item.file.name[item.file.name.rfind('.') :]}"
    # PDF and plain text open in the browser; anything else is downloaded, never rendered
    # as a page of this site.
    inline = item.kind in ("pdf", "txt")
    response = FileResponse(item.file.open("rb"), as_attachment=not inline, filename=name)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
