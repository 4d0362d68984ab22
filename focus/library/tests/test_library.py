"""The library as editors and visitors use it: an upload is checked, cleaned and read by
the background worker, then browsed, read and searched inside."""

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.library.models import Document, DocumentFile, DocumentPage
from focus.library.vocabulary import FileStatus

pytestmark = pytest.mark.django_db

LAW_TEXT = (
    "LEY PARA LA PROTECCIÓN DE PERSONAS DEFENSORAS DE DERECHOS HUMANOS Y PERIODISTAS\n\n"
    "Artículo 1. La presente Ley es de orden público y tiene por objeto establecer la "
    "cooperación entre la Federación y las Entidades Federativas para implementar y operar "
    "las Medidas de Prevención, Medidas Preventivas y Medidas Urgentes de Protección.\n"
)


def _docx(text: str, author: str = "Jane Clerk") -> bytes:
    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    document.core_properties.author = author
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(client, name: str, content: bytes, **extra):
    """The admin's add form for a document, with one file, as an editor submits it."""
    data = {
        "slug": extra.get("slug", "test-law"),
        "title_en": "Test protection law",
        "title_original": "Ley de protección",
        "kind": "official_text",
        "date": "2012-06-25",
        "date_precision": "day",
        "confidence": "medium",
        "published": "on",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-role": "original",
        "files-0-language": "es",
        "files-0-file": SimpleUploadedFile(name, content),
    }
    return client.post("/admin/library/document/add/", data)


def test_an_editor_uploads_a_law_and_the_worker_reads_it(
    run_worker, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(editor_client, "ley.docx", _docx(LAW_TEXT))
    assert response.status_code == 302, response.content.decode()[:2000]
    item = DocumentFile.objects.get()
    assert item.status == FileStatus.WAITING
    assert not item.downloadable
    run_worker()
    item.refresh_from_db()
    assert item.status == FileStatus.READY, item.status_note
    assert item.metadata_removed
    assert "Medidas Urgentes de Protección" in DocumentPage.objects.get(file=item).text
    # The published copy no longer names its author.
    assert b"Jane Clerk" not in item.file.open("rb").read()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.pdf", b"", "empty"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PDF"),
        ("random.docx", bytes(range(256)) * 4, ""),
    ],
)
def test_a_bad_upload_is_refused_with_a_reason_and_nothing_is_kept(
    editor_client, name, content, reason
):
    response = _upload(editor_client, name, content)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["file"]
    assert errors and reason in " ".join(errors)
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_the_same_file_cannot_be_added_twice(editor_client, django_capture_on_commit_callbacks):
    content = LAW_TEXT.encode()
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(editor_client, "ley.txt", content).status_code == 302
    response = _upload(editor_client, "copy.txt", content, slug="another")
    assert response.status_code == 200
    assert "already in the library" in response.content.decode()
    assert DocumentFile.objects.count() == 1


@pytest.fixture
def law(run_worker, editor_client, django_capture_on_commit_callbacks):
    """A Spanish law uploaded as text and read by the worker (synthetic text)."""
    with django_capture_on_commit_callbacks(execute=True):
        _upload(editor_client, "ley.txt", LAW_TEXT.encode())
    run_worker()
    document = Document.objects.get()
    document.jurisdictions.add(
        CountryFactory(code="MEX", iso_alpha2="MX", name_en="Mexico", region=RegionFactory())
    )
    return document


def test_a_visitor_reads_the_document_and_searches_inside_without_accents(client, law):
    client.logout()
    page = client.get(f"/en/library/{law.slug}/")
    assert page.status_code == 200
    assert "Medidas Urgentes de Protección" in page.text
    found = client.get(f"/es/library/{law.slug}/?q=proteccion+urgentes")
    assert found.status_code == 200
    assert "<mark>Urgentes</mark> de <mark>Protección</mark>" in found.text
    assert client.get(f"/en/library/{law.slug}/?q=nowhere-to-be-found").status_code == 200


def test_a_visitor_downloads_only_cleaned_files(client, law):
    client.logout()
    item = law.files.get()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert b"Medidas Urgentes" in b"".join(response.streaming_content)
    assert "sandbox" in response["Content-Security-Policy"]
    DocumentFile.objects.filter(pk=item.pk).update(metadata_removed=False)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_the_library_is_browsed_by_region_country_kind_and_language(client, law):
    client.logout()
    other = Document.objects.create(
        slug="report", title_en="A report", kind="civil_society_report", date=dt.date(2020, 1, 1)
    )
    text = client.get("/en/library/").text
    assert "Test protection law" in text and "A report" in text
    by_country = client.get("/en/library/?country=mex&language=es&kind=official_text").text
    assert (
        "Test protection law" in by_country
        and "A report" not in by_country.split('id="results"')[1]
    )
    assert client.get("/en/library/?year=2020").text.count('class="record"') == 1
    assert client.get("/en/library/?kind=poem").status_code == 400
    assert other.get_absolute_url() == "/en/library/report/"


def test_a_spanish_pdf_law_is_read_page_by_page_and_found_without_accents(
    run_worker, editor_client, client, django_capture_on_commit_callbacks
):
    from focus.library.tests.test_extraction import SECRET, pdf_with_metadata

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(editor_client, "ley.pdf", pdf_with_metadata())
    assert response.status_code == 302
    run_worker()
    item = DocumentFile.objects.get()
    assert (item.status, item.page_count, item.kind) == (FileStatus.READY, 2, "pdf")
    assert SECRET.encode() not in item.file.open("rb").read()
    client.logout()
    found = client.get("/en/library/test-law/?q=mecanismo+proteccion+ano")
    assert "Found on 1 page" in found.text
    assert '#p2">Page 2</a>' in found.text
    assert (
        "<mark>Mecanismo</mark> nacional de <mark>protección</mark>, <mark>año</mark>" in found.text
    )
