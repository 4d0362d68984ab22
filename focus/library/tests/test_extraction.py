"""Checking, text extraction and metadata removal of uploaded documents.

Every file is built here, in tmp_path; none of these tests uses the database.
"""

import io
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import time
import zipfile
import zlib

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from focus.library import extraction
from focus.library.extract_child import strip_jpeg, strip_png
from focus.library.extraction import (
    MIME_TYPES,
    ExtractionFailed,
    FileKind,
    Refused,
    check_file,
    extract_text,
    strip_metadata,
)

MB = 1024 * 1024
LIMIT = 20 * MB
SECRET = "Maria Secreta"

# ---------------------------------------------------------------------------- builders

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator><rdf:Seq><rdf:li>" + SECRET.encode() + b"</rdf:li></rdf:Seq></dc:creator>"
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def text_page(*lines: str) -> bytes:
    """A content stream writing lines in Helvetica; accents in WinAnsi as octal escapes."""
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        encoded = "".join(c if ord(c) < 128 else f"\\{ord(c):03o}" for c in escaped)
        ops.append(f"({encoded}) Tj T*".encode("latin-1"))
    ops.append(b"ET")
    return b"\n".join(ops)


def build_pdf(contents: list[bytes], *, info: bytes | None = None, xmp: bytes | None = None,
              resources: bytes | None = None, extra: list[bytes] = (),
              compress: bool = False) -> bytes:  # fmt: skip
    """A valid PDF written by hand: one page per content stream, Helvetica as /F1.

    `extra` objects are numbered from 4 on, before the pages (for images and forms).
    """
    objects: list[bytes | None] = [None, None]  # 1: catalogue, 2: page tree
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.extend(extra)
    page_numbers = []
    for content in contents:
        if compress:
            content = zlib.compress(content, 1)
        objects.append(
            b"<< /Length %d %s>>\nstream\n%s\nendstream"
            % (len(content), b"/Filter /FlateDecode " if compress else b"", content)
        )
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s " % (
            resources or b"<< /Font << /F1 3 0 R >> >>"
        )
        page += b"/Contents %d 0 R" % len(objects)
        if xmp:  # pages may have their own XMP stream: the next object
            page += b" /Metadata %d 0 R" % (len(objects) + 2)
        objects.append(page + b" >>")
        page_numbers.append(len(objects))
        if xmp:
            objects.append(
                b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream"
                % (len(xmp), xmp)
            )
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers))
    catalogue = b"<< /Type /Catalog /Pages 2 0 R"
    if xmp:
        objects.append(
            b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream"
            % (len(xmp), xmp)
        )
        catalogue += b" /Metadata %d 0 R" % len(objects)
    objects[0] = catalogue + b" >>"
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        objects.append(info)
        trailer = b"<< /Size %d /Root 1 0 R /Info %d 0 R" % (len(objects) + 1, len(objects))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


LAW_PAGES = [
    ["Ley de protección de personas defensoras", "Artículo 1. Señoras y señores:"],
    ["Capítulo II", "Mecanismo nacional de protección, año 2018."],
]


def law_pdf(**kwargs) -> bytes:
    return build_pdf([text_page(*lines) for lines in LAW_PAGES], **kwargs)


def pdf_with_metadata() -> bytes:
    info = b"<< /Author (%s) /Creator (Word) /Producer (Acrobat) >>" % SECRET.encode()
    return law_pdf(info=info, xmp=XMP)


def pdf_bomb(pages: int = 30, depth: int = 20) -> bytes:
    """Each page draws a chain of forms, each drawing the next twice: pypdf gives up after
    5,000 form invocations per page, about a second of CPU each."""
    leaf = b"BT /F1 12 Tf 10 10 Td (x) Tj ET"
    forms = [
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
        % (len(leaf), leaf)
    ]
    twice = b"/X Do /X Do"
    for level in range(depth):
        forms.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] "
            b"/Resources << /XObject << /X %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
            % (4 + level, len(twice), twice)
        )
    top = 3 + len(forms)
    return build_pdf(
        [b"/X Do"] * pages, resources=b"<< /XObject << /X %d 0 R >> >>" % top, extra=forms
    )


# A 5x7 pixel font for the OCR test.
GLYPHS = {
    "F": ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
    "O": ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
    "C": ["01110", "10001", "10000", "10000", "10000", "10001", "01110"],
    "U": ["10001", "10001", "10001", "10001", "10001", "10001", "01110"],
    "S": ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
}


def scanned_pdf(word: str = "FOCUS") -> bytes:
    """One page holding only an image of `word`: no text for pypdf, some for OCR."""
    rows = []
    for y in range(-2, 9):
        row = bytearray()
        for x in range(-2, len(word) * 6 + 1):
            letter, column = divmod(x, 6) if x >= 0 else (-1, 0)
            ink = (
                0 <= y < 7
                and 0 <= letter < len(word)
                and column < 5
                and GLYPHS[word[letter]][y][column] == "1"
            )
            row.append(0 if ink else 255)
        rows.append(bytes(row))
    width, height = len(rows[0]), len(rows)
    pixels = b"".join(rows)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream"
        % (width, height, len(pixels), pixels)
    )
    content = b"q %d 0 0 %d 36 500 cm /Im1 Do Q" % (width * 15, height * 15)
    return build_pdf([content], resources=b"<< /XObject << /Im1 4 0 R >> >>", extra=[image])


def fake_jpeg(exif: bytes = b"GPS " + SECRET.encode()) -> bytes:
    """A JPEG's structure (not a decodable picture): JFIF, EXIF, ICC, a comment, a scan
    with stuffed bytes and a restart marker, then data after the end (as MPF adds)."""

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    return b"".join([
        b"\xff\xd8",
        segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        segment(0xE1, b"Exif\x00\x00" + exif),
        segment(0xE2, b"ICC_PROFILE\x00\x01\x01colour"),
        segment(0xFE, b"comment by " + SECRET.encode()),
        segment(0xDB, b"\x00" + bytes(64)),
        segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"),
        segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        b"\x12\xff\x00\x34\xff\xd0\x56",
        b"\xff\xd9",
        b"\xff\xd8" + segment(0xE1, b"Exif\x00\x00second image"),
    ])  # fmt: skip


def png_with_text() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"tEXt", b"Author\x00" + SECRET.encode())
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def build_docx(path, *, image: bytes | None = None):
    document = docx.Document()
    document.add_heading("Ley de protección", level=1)
    document.add_paragraph("Artículo 1. Las personas defensoras de derechos humanos…")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Año"
    table.cell(0, 1).text = "Decreto"
    table.cell(1, 0).text = "2018"
    table.cell(1, 1).text = "660"
    document.add_paragraph("Disposición final.")
    document.core_properties.author = SECRET
    document.core_properties.last_modified_by = SECRET
    document.core_properties.comments = "Borrador interno"
    document.save(path)
    if image is not None:
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("word/media/image1.jpeg", image)
    return path


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:body><office:text>
  <text:h text:outline-level="1">Ley de protección</text:h>
  <text:p>Artículo<text:s text:c="3"/>1.<text:tab/>Las <text:span>personas</text:span> defensoras<text:line-break/>segunda línea<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Nota al pie.</text:p></text:note-body></text:note></text:p>
  <text:p><office:annotation><dc:creator>{secret}</dc:creator><dc:date>2024-01-01T10:00:00</dc:date><text:p>Comentario interno</text:p></office:annotation>Texto comentado.</text:p>
  <table:table><table:table-row><table:table-cell><text:p>Celda A</text:p></table:table-cell><table:table-cell><text:p>Celda B</text:p></table:table-cell></table:table-row></table:table>
 </office:text></office:body>
</office:document-content>""".replace("{secret}", SECRET)

ODT_META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:meta><meta:initial-creator>{SECRET}</meta:initial-creator><dc:creator>{SECRET}</dc:creator>
 <meta:generator>LibreOffice/7.6</meta:generator></office:meta>
</office:document-meta>"""

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

ODT_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">
 <office:settings><config:config-item config:name="PrinterName" config:type="string">HP of Maria</config:config-item></office:settings>
</office:document-settings>"""


def build_odt(path, *, image: bytes | None = None, manifest: str = ODT_MANIFEST):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )  # fmt: skip
        archive.writestr("content.xml", ODT_CONTENT)
        archive.writestr("meta.xml", ODT_META)
        archive.writestr("settings.xml", ODT_SETTINGS)
        archive.writestr("META-INF/manifest.xml", manifest)
        if image is not None:
            archive.writestr("Pictures/photo.jpg", image)
    return path


HTML = f"""<!DOCTYPE html>
<html lang="es"><head>
<meta charset="windows-1252">
<meta name="author" content="{SECRET}">
<meta name="generator" content="Microsoft Word 15">
<meta property="article:author" content="{SECRET}">
<title>Ley de protección</title>
<style>p {{ color: red }}</style>
<script>var secreto = "no es texto";</script>
<!-- guardado por {SECRET} -->
</head><body>
<h1>Ley de   protección</h1><p>Artículo 1. Las personas&nbsp;defensoras &amp; periodistas.</p>
<ul><li>Uno</li><li>Dos</li></ul>
<p>Línea<br>siguiente</p>
</body></html>
""".encode("cp1252")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zip_with(tmp_path, name: str, members: dict[str, bytes]):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def zip_bomb(tmp_path, name: str, megabytes: int):
    """A DOCX-looking ZIP with one member of `megabytes` MB of zeros, written in chunks."""
    path = tmp_path / name
    chunk = bytes(MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def reason(excinfo) -> str:
    return str(excinfo.value.reason)


# ---------------------------------------------------------------------------- good files


def test_a_pdf_is_checked_and_read_page_by_page(tmp_path):
    path = write(tmp_path, "ley.pdf", pdf_with_metadata())
    assert check_file(path, "Ley 1.2019.PDF", LIMIT) == FileKind.PDF

    result = extract_text(path, FileKind.PDF)

    assert result.kind == "pdf"
    assert len(result.pages) == 2
    assert (
        result.pages[0]
        == "Ley de protección de personas defensoras\nArtículo 1. Señoras y señores:"
    )
    assert "Mecanismo nacional de protección, año 2018." in result.pages[1]
    assert result.ocr_used is False
    assert result.note == ""


def test_junk_before_the_pdf_header_is_tolerated(tmp_path):
    path = write(tmp_path, "ley.pdf", b"\r\n\x00junk" + law_pdf())
    assert check_file(path, "ley.pdf", LIMIT) == FileKind.PDF
    assert "Capítulo II" in extract_text(path, "pdf").pages[1]


def test_a_pdf_of_26_pages_is_read_quickly(tmp_path):
    pages = [text_page(f"Página {n}", "Informe anual sobre la situación de defensores.") for n in range(1, 27)]  # fmt: skip
    path = write(tmp_path, "informe.pdf", build_pdf(pages))

    started = time.monotonic()
    result = extract_text(path, "pdf")
    elapsed = time.monotonic() - started

    assert len(result.pages) == 26
    assert result.pages[25].startswith("Página 26")
    assert elapsed < 10


def test_a_pdf_protected_only_against_copying_is_accepted(tmp_path):
    writer = PdfWriter(clone_from=io.BytesIO(law_pdf()))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "protegido.pdf", buffer.getvalue())

    assert check_file(path, "protegido.pdf", LIMIT) == FileKind.PDF
    assert "Capítulo II" in extract_text(path, "pdf").pages[1]


def test_a_docx_is_read_with_its_tables_in_order(tmp_path):
    path = build_docx(tmp_path / "ley.docx")
    assert check_file(path, "ley.docx", LIMIT) == FileKind.DOCX

    (text,) = extract_text(path, "docx").pages

    assert text.split("\n\n") == [
        "Ley de protección",
        "Artículo 1. Las personas defensoras de derechos humanos…",
        "Año",
        "Decreto",
        "2018",
        "660",
        "Disposición final.",
    ]


def test_an_odt_is_read_without_comments_or_note_numbers(tmp_path):
    path = build_odt(tmp_path / "ley.odt")
    assert check_file(path, "ley.odt", LIMIT) == FileKind.ODT

    (text,) = extract_text(path, "odt").pages

    assert text.split("\n\n") == [
        "Ley de protección",
        "Artículo 1. Las personas defensoras\nsegunda línea\nNota al pie.",
        "Texto comentado.",
        "Celda A",
        "Celda B",
    ]
    assert SECRET not in text


def odt_with_entities(path, declarations: str, text: str):
    content = (
        f'<?xml version="1.0"?><!DOCTYPE d [{declarations}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>{text}</text:p></office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_an_external_entity_in_an_odt_is_not_read(tmp_path):
    path = odt_with_entities(
        tmp_path / "xxe.odt",
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">',
        "Antes &passwd; después",
    )
    assert extract_text(path, "odt").pages == ["Antes después"]


def test_a_billion_laughs_odt_is_harmless(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    path = odt_with_entities(tmp_path / "risas.odt", entities, "&lol9;")
    started = time.monotonic()
    # libxml2 2.11+ refuses the document; older versions leave the entity unexpanded.
    try:
        pages = extract_text(path, "odt").pages
    except ExtractionFailed as failed:
        assert str(failed.reason).startswith("The file is damaged or cannot be read")
    else:
        assert pages == [""]
    assert time.monotonic() - started < 5


def test_an_html_page_is_read_without_scripts_and_with_its_charset(tmp_path):
    path = write(tmp_path, "ley.html", HTML)
    assert check_file(path, "ley.htm", LIMIT) == FileKind.HTML

    (text,) = extract_text(path, "html").pages

    assert text == (
        "Ley de protección\n\nLey de protección\n\n"
        "Artículo 1. Las personas defensoras & periodistas.\n\n"
        "Uno\n\nDos\n\nLínea\nsiguiente"
    )


def test_a_fragment_of_html_named_html_is_html(tmp_path):
    path = write(tmp_path, "fragmento.html", b"<p>Un p\xc3\xa1rrafo</p>\n<p>Otro</p>")
    assert check_file(path, "fragmento.html", LIMIT) == FileKind.HTML
    assert extract_text(path, "html").pages == ["Un párrafo\n\nOtro"]


def test_a_windows_1252_text_is_read(tmp_path):
    data = "Ley de protección\r\n\r\n\r\n\r\nSeñora   Núñez\t€ 20\r\n\x1a".encode("cp1252")
    path = write(tmp_path, "ley.txt", data)
    assert check_file(path, "ley.txt", LIMIT) == FileKind.TXT
    assert extract_text(path, "txt").pages == ["Ley de protección\n\nSeñora Núñez € 20"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_texts_are_read(tmp_path, encoding):
    path = write(tmp_path, "nota", "Ação urgente\n人权捍卫者".encode(encoding))
    assert check_file(path, "nota", LIMIT) == FileKind.TXT
    assert extract_text(path, "txt").pages == ["Ação urgente\n人权捍卫者"]


def test_kinds_have_mime_types_and_extensions():
    assert MIME_TYPES[FileKind.PDF] == "application/pdf"
    assert set(MIME_TYPES) == set(FileKind.values) == set(extraction.EXTENSIONS)


# ---------------------------------------------------------------------------- bad files


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(Refused) as excinfo:
        check_file(write(tmp_path, "vacio.pdf", b""), "vacio.pdf", LIMIT)
    assert reason(excinfo) == "The file is empty."


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = write(tmp_path, "grande.txt", b"a" * (2 * MB + 1))
    with pytest.raises(Refused) as excinfo:
        check_file(path, "grande.txt", 2 * MB)
    assert reason(excinfo) == "The file is larger than the limit of 2 MB."


def test_a_png_named_pdf_is_refused(tmp_path):
    path = write(tmp_path, "ley.pdf", png_with_text())
    with pytest.raises(Refused) as excinfo:
        check_file(path, "ley.pdf", LIMIT)
    assert reason(excinfo) == (
        "The file's content is not PDF although its name ends in .pdf. It looks like a PNG image."
    )


def test_a_png_named_png_is_refused_as_an_image(tmp_path):
    with pytest.raises(Refused) as excinfo:
        check_file(write(tmp_path, "foto.png", png_with_text()), "foto.png", LIMIT)
    assert reason(excinfo).startswith(
        "Files of this type are not accepted (it looks like a PNG image)."
    )


def test_random_bytes_are_refused(tmp_path):
    path = write(tmp_path, "datos.bin", random.Random(0).randbytes(4096))  # noqa: S311  (not for security)
    with pytest.raises(Refused) as excinfo:
        check_file(path, "datos.bin", LIMIT)
    assert reason(excinfo).startswith("The file's content is not a document this site can read.")


def test_a_pdf_named_docx_is_refused(tmp_path):
    path = write(tmp_path, "ley.docx", law_pdf())
    with pytest.raises(Refused) as excinfo:
        check_file(path, "ley.docx", LIMIT)
    assert reason(excinfo) == (
        "The file's content is not DOCX although its name ends in .docx. It looks like PDF."
    )


def test_an_odt_named_docx_is_refused(tmp_path):
    path = build_odt(tmp_path / "ley.docx")
    with pytest.raises(Refused) as excinfo:
        check_file(path, "ley.docx", LIMIT)
    assert "It looks like OpenDocument text (ODT)." in reason(excinfo)


def test_html_named_txt_and_text_named_xlsx_are_refused(tmp_path):
    with pytest.raises(Refused, match=r"not TXT although its name ends in \.txt"):
        check_file(write(tmp_path, "a.txt", HTML), "a.txt", LIMIT)
    with pytest.raises(Refused, match=r"Files whose name ends in \.xlsx are not accepted"):
        check_file(write(tmp_path, "a.xlsx", b"hola"), "a.xlsx", LIMIT)


@pytest.mark.parametrize(
    "data",
    [law_pdf()[:400], b"%PDF-1.7\n" + random.Random(1).randbytes(3000)],  # noqa: S311
)
def test_a_damaged_pdf_is_refused(tmp_path, data):
    path = write(tmp_path, "roto.pdf", data)
    with pytest.raises(Refused) as excinfo:
        check_file(path, "roto.pdf", LIMIT)
    assert reason(excinfo).startswith("The file is damaged or cannot be read (")
    with pytest.raises(ExtractionFailed, match="damaged"):
        extract_text(path, "pdf")


def test_a_pdf_needing_a_password_is_refused(tmp_path):
    writer = PdfWriter(clone_from=io.BytesIO(law_pdf()))
    writer.encrypt(user_password="secreto", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "cifrado.pdf", buffer.getvalue())

    with pytest.raises(Refused) as excinfo:
        check_file(path, "cifrado.pdf", LIMIT)
    assert reason(excinfo) == "The PDF is protected by a password: upload a copy without one."
    with pytest.raises(ExtractionFailed, match="protected by a password"):
        extract_text(path, "pdf")


def test_a_zip_that_is_not_a_text_document_is_refused(tmp_path):
    path = zip_with(tmp_path, "hoja.docx", {"xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(Refused) as excinfo:
        check_file(path, "hoja.docx", LIMIT)
    assert reason(excinfo) == (
        "This file is a ZIP archive but not a Word (DOCX) or OpenDocument (ODT) text."
    )
    with pytest.raises(Refused, match="ZIP archive but not"):
        check_file(path, "archivo.zip", LIMIT)


def test_a_damaged_zip_is_refused(tmp_path):
    data = build_docx(tmp_path / "ley.docx").read_bytes()
    path = write(tmp_path, "roto.docx", data[: len(data) // 2])
    with pytest.raises(Refused, match=r"looks like a ZIP archive .* but it is damaged"):
        check_file(path, "roto.docx", LIMIT)


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path):
    path = zip_bomb(tmp_path, "bomba.docx", 300)
    assert path.stat().st_size < 2 * MB

    started = time.monotonic()
    with pytest.raises(Refused) as excinfo:
        check_file(path, "bomba.docx", LIMIT)
    assert time.monotonic() - started < 1
    assert reason(excinfo) == (
        "Once unpacked, the file would take more than 300 MB: it is refused as a possible “zip bomb”."
    )
    # The child refuses it too, whoever calls it.
    with pytest.raises(ExtractionFailed, match="zip bomb"):
        extract_text(path, "docx")


def test_an_abnormally_compressed_member_is_refused(tmp_path):
    path = zip_bomb(tmp_path, "bomba.docx", 20)
    with pytest.raises(Refused, match=r"compressed abnormally \([\d,]+ to 1\)"):
        check_file(path, "bomba.docx", LIMIT)


def test_too_many_members_are_refused(tmp_path):
    path = tmp_path / "muchos.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        for number in range(10_001):
            archive.writestr(f"m/{number}", b"")
    with pytest.raises(Refused, match="too many files"):
        check_file(path, "muchos.odt", LIMIT)


def test_a_password_protected_odt_is_refused(tmp_path):
    manifest = ODT_MANIFEST.replace(
        'manifest:media-type="text/xml"/>',
        'manifest:media-type="text/xml"><manifest:encryption-data/></manifest:file-entry>',
    )
    path = build_odt(tmp_path / "ley.odt", manifest=manifest)
    with pytest.raises(Refused, match="protected by a password"):
        check_file(path, "ley.odt", LIMIT)


def test_an_old_word_file_is_refused_with_advice(tmp_path):
    path = write(tmp_path, "ley.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(Refused, match="old Microsoft Office file"):
        check_file(path, "ley.doc", LIMIT)


# ---------------------------------------------------------------------------- limits


def test_a_child_over_its_time_limit_is_stopped(tmp_path):
    path = write(tmp_path, "bomba.pdf", pdf_bomb())
    started = time.monotonic()
    with pytest.raises(ExtractionFailed) as excinfo:
        extract_text(path, "pdf", timeout=1.5)
    assert time.monotonic() - started < 4
    assert reason(excinfo) == "Reading the file took longer than 1.5 seconds: it was stopped."


def test_a_child_over_its_cpu_limit_is_stopped(tmp_path):
    path = write(tmp_path, "bomba.pdf", pdf_bomb())
    started = time.monotonic()
    with pytest.raises(ExtractionFailed) as excinfo:
        extract_text(path, "pdf", timeout=30, cpu_seconds=1)
    assert time.monotonic() - started < 5
    assert reason(excinfo) == (
        "Reading the file used more than 1 seconds of processor time: it was stopped."
    )


def test_a_child_over_its_memory_limit_is_stopped(tmp_path):
    # 70 MB of text once decompressed (pypdf's own limit is 75 MB), in a 70 kB file.
    page = b"BT /F1 12 Tf 72 720 Td (" + b"a" * 70_000_000 + b") Tj ET"
    path = write(tmp_path, "enorme.pdf", build_pdf([page], compress=True))
    assert path.stat().st_size < MB
    with pytest.raises(ExtractionFailed) as excinfo:
        extract_text(path, "pdf", memory_mb=150)
    assert reason(excinfo) == "Reading the file needed more than 150 MB of memory: it was stopped."


def test_the_child_gets_no_secrets_and_does_not_import_django(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    environment = extraction._child_environment()
    assert set(environment) == {"PATH", "LANG", "PYTHONPATH"}

    path = write(tmp_path, "ley.pdf", law_pdf())
    code = (
        "import sys\n"
        "from focus.library import extract_child\n"
        f"extract_child.main(['extract', {str(path)!r}, 'pdf'])\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] == 'django')))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, check=True
    )
    assert b"Ley de protecci" in completed.stdout
    assert completed.stderr.decode().endswith("[]")


def test_a_very_long_text_is_cut(tmp_path):
    from focus.library import extract_child

    budget = extract_child._Budget(limit=10)
    path = write(tmp_path, "largo.txt", b"abcdefghij" * 1000)
    result = extract_child.extract_txt(path, budget)
    assert result["pages"] == ["abcdefghij"]
    assert budget.truncated


# ---------------------------------------------------------------------------- OCR

BLANK_AND_TEXT = [b"", text_page("Ley de protección de personas defensoras")]


def test_pages_without_text_get_a_note_when_ocr_is_not_installed(tmp_path, monkeypatch):
    monkeypatch.setattr(extraction.shutil, "which", lambda name: None)
    path = write(tmp_path, "escaneo.pdf", scanned_pdf())

    result = extract_text(path, "pdf")

    assert result.pages == [""]
    assert result.ocr_used is False
    assert result.note == (
        "The file has pages without text (a scan?); OCR is not installed on this server."
    )


def test_blank_pages_go_through_pdftoppm_and_tesseract(tmp_path, monkeypatch):
    """With stand-ins for the two programs: checks the commands and the plumbing."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pdftoppm").write_text(
        '#!/bin/sh\nfor last; do :; done\necho "$@" > "$last.args"\nprintf PNG > "$last.png"\n'
    )
    (tools / "tesseract").write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --list-langs ]; then printf "List of available languages (3):\\neng\\nosd\\nspa\\n"; exit; fi\n'
        'echo "Texto   reconocido ($*)"\n'
    )  # fmt: skip
    for tool in tools.iterdir():
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    path = write(tmp_path, "escaneo.pdf", build_pdf(BLANK_AND_TEXT))

    result = extract_text(path, "pdf", ocr_languages="spa+eng+fra+por")

    assert result.ocr_used is True
    assert result.note == ""
    assert result.pages[0].startswith("Texto reconocido (")
    assert result.pages[0].endswith("stdout -l spa+eng)")
    assert result.pages[1] == "Ley de protección de personas defensoras"


@pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="tesseract and pdftoppm are not installed",
)
def test_a_scanned_page_is_read_by_ocr(tmp_path):
    path = write(tmp_path, "escaneo.pdf", scanned_pdf())

    result = extract_text(path, "pdf", ocr_languages="eng")

    assert result.ocr_used is True
    assert isinstance(result.pages[0], str)  # what a blocky font yields varies by version


# ---------------------------------------------------------------------------- strip_metadata


def test_stripping_a_pdf_removes_info_and_xmp_and_keeps_the_text(tmp_path):
    src = write(tmp_path, "ley.pdf", pdf_with_metadata())
    before = PdfReader(src)
    assert before.metadata["/Author"] == SECRET
    assert "/Metadata" in before.trailer["/Root"]
    dst = tmp_path / "limpio.pdf"

    strip_metadata(src, dst, "pdf")

    after = PdfReader(dst)
    assert not after.metadata
    assert "/Metadata" not in after.trailer["/Root"]
    assert all("/Metadata" not in page for page in after.pages)
    assert SECRET.encode() not in dst.read_bytes()
    assert extract_text(dst, "pdf").pages == extract_text(src, "pdf").pages


def test_stripping_a_pdf_cleans_its_photos_and_comment_authors(tmp_path):
    photo = fake_jpeg()
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(photo), photo)
    )
    comment = b"<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /T (%s) /Contents (Ojo) >>"
    resources = b"<< /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Annots [5 0 R]"
    inline = b"<< /Font << /F1 3 0 R >> >> /Annots [<< /Subtype /Highlight /T (%s) >>]"
    src = tmp_path / "fotos.pdf"
    src.write_bytes(
        build_pdf(
            [text_page("Foto del evento") + b"\nq 10 0 0 10 0 0 cm /Im1 Do Q"],
            resources=resources,
            extra=[image, comment % SECRET.encode()],
        )
    )
    inline_src = write(tmp_path, "inline.pdf", build_pdf([b""], resources=inline % SECRET.encode()))
    assert SECRET.encode() in src.read_bytes()

    for path in (src, inline_src):
        dst = tmp_path / f"limpio-{path.name}"
        strip_metadata(path, dst, "pdf")
        assert SECRET.encode() not in dst.read_bytes()
    after = PdfReader(tmp_path / "limpio-fotos.pdf")
    (annotation,) = after.pages[0]["/Annots"]
    assert annotation.get_object()["/Contents"] == "Ojo"
    assert b"ICC_PROFILE" in after.pages[0]["/Resources"]["/XObject"]["/Im1"]._data


def test_stripping_a_protected_pdf_writes_an_unprotected_copy(tmp_path):
    writer = PdfWriter(clone_from=io.BytesIO(pdf_with_metadata()))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    src = tmp_path / "protegido.pdf"
    writer.write(src)
    dst = tmp_path / "limpio.pdf"

    strip_metadata(src, dst, "pdf")

    after = PdfReader(dst)
    assert not after.is_encrypted
    assert not after.metadata
    assert "Capítulo II" in after.pages[1].extract_text()


def test_stripping_a_pdf_needing_a_password_fails_and_leaves_nothing(tmp_path):
    writer = PdfWriter(clone_from=io.BytesIO(law_pdf()))
    writer.encrypt(user_password="secreto", algorithm="RC4-128")
    src = tmp_path / "cifrado.pdf"
    writer.write(src)
    dst = tmp_path / "limpio.pdf"

    with pytest.raises(ExtractionFailed, match="protected by a password"):
        strip_metadata(src, dst, "pdf")
    assert not dst.exists()


def test_stripping_a_docx_empties_its_properties_and_image_metadata(tmp_path):
    src = build_docx(tmp_path / "ley.docx", image=fake_jpeg())
    assert docx.Document(src).core_properties.author == SECRET
    dst = tmp_path / "limpio.docx"

    strip_metadata(src, dst, "docx")

    properties = docx.Document(dst).core_properties
    assert properties.author == ""
    assert properties.last_modified_by == ""
    assert properties.comments == ""
    with zipfile.ZipFile(src) as before, zipfile.ZipFile(dst) as after:
        assert after.namelist() == before.namelist()
        assert b"Exif" not in after.read("word/media/image1.jpeg")
        assert b"Application" not in after.read("docProps/app.xml")
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in after.infolist())
    assert SECRET.encode() not in dst.read_bytes()
    assert extract_text(dst, "docx").pages == extract_text(src, "docx").pages
    assert check_file(dst, "limpio.docx", LIMIT) == FileKind.DOCX


def test_stripping_a_docx_anonymises_the_authors_of_changes(tmp_path):
    src = build_docx(tmp_path / "ley.docx")
    with zipfile.ZipFile(src) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:body>",
        b'<w:body><w:p><w:ins w:id="1" w:author="' + SECRET.encode() + b'" '
        b'w:date="2024-01-01T00:00:00Z"><w:r><w:t>Insertado</w:t></w:r></w:ins></w:p>',
    )
    src = zip_with(tmp_path, "cambios.docx", members)
    dst = tmp_path / "limpio.docx"

    strip_metadata(src, dst, "docx")

    with zipfile.ZipFile(dst) as archive:
        assert b'w:author="Author"' in archive.read("word/document.xml")
    assert SECRET.encode() not in dst.read_bytes()


def test_stripping_an_odt_replaces_its_meta_and_keeps_mimetype_first(tmp_path):
    src = build_odt(tmp_path / "ley.odt", image=fake_jpeg())
    dst = tmp_path / "limpio.odt"

    strip_metadata(src, dst, "odt")

    with zipfile.ZipFile(dst) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        # A stored first member puts its content at byte 38, where tools look for it.
        assert dst.read_bytes()[30:38] == b"mimetype"
        meta = archive.read("meta.xml")
        assert b"<office:meta/>" in meta and b'office:version="1.3"' in meta
        assert b"PrinterName" not in archive.read("settings.xml")
        assert b"<dc:creator>Author</dc:creator>" in archive.read("content.xml")
        assert b"Exif" not in archive.read("Pictures/photo.jpg")
    assert SECRET.encode() not in dst.read_bytes()
    assert extract_text(dst, "odt").pages == extract_text(src, "odt").pages
    assert check_file(dst, "limpio.odt", LIMIT) == FileKind.ODT


def test_stripping_html_removes_named_meta_tags_and_comments_only(tmp_path):
    src = write(tmp_path, "ley.html", HTML)
    dst = tmp_path / "limpio.html"

    strip_metadata(src, dst, "html")

    data = dst.read_bytes()
    assert SECRET.encode() not in data
    assert b"generator" not in data
    assert b'<meta charset="windows-1252">' in data
    assert b"<script>var secreto" in data
    # Everything else is left byte for byte.
    assert data == HTML.replace(f'<meta name="author" content="{SECRET}">'.encode(), b"").replace(
        b'<meta name="generator" content="Microsoft Word 15">', b""
    ).replace(f'<meta property="article:author" content="{SECRET}">'.encode(), b"").replace(
        f"<!-- guardado por {SECRET} -->".encode(), b""
    )
    assert extract_text(dst, "html").pages == extract_text(src, "html").pages


def test_stripping_text_copies_it(tmp_path):
    src = write(tmp_path, "ley.txt", "Señora\r\n".encode("cp1252"))
    dst = tmp_path / "copia.txt"
    strip_metadata(src, dst, "txt")
    assert dst.read_bytes() == src.read_bytes()


def test_jpeg_metadata_segments_are_dropped_and_the_rest_kept():
    stripped = strip_jpeg(fake_jpeg())
    assert b"Exif" not in stripped
    assert b"comment by" not in stripped
    assert b"ICC_PROFILE" in stripped and b"JFIF" in stripped
    assert stripped.endswith(b"\x12\xff\x00\x34\xff\xd0\x56\xff\xd9")
    assert strip_jpeg(b"\xff\xd8\xff\xe1\xff\xff") == b"\xff\xd8\xff\xe1\xff\xff"  # damaged


def test_png_text_chunks_are_dropped():
    stripped = strip_png(png_with_text())
    assert SECRET.encode() not in stripped
    assert b"IHDR" in stripped and b"IDAT" in stripped and stripped.endswith(b"IEND\xaeB`\x82")
