"""The child program that opens untrusted documents, run by `focus.library.extraction`.

    python -m focus.library.extract_child extract PATH KIND
    python -m focus.library.extract_child check PATH pdf
    python -m focus.library.extract_child strip SRC DST KIND

The parent runs it in a subprocess with CPU, memory, file-size and time limits, because
parsers of PDF and ZIP files have a history of denial-of-service bugs. It imports only the
standard library, pypdf, python-docx and lxml (the last three lazily) and never Django.
It prints one JSON object on stdout: the result, or `{"error": ..., "code": ...}` with exit
status 1. The parent also imports the constants and the ZIP checks from here, which is why
nothing heavy is imported at module level.
"""

import codecs
import io
import json
import logging
import re
import shutil
import struct
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

# Text kept from one document, in characters: beyond it the rest is dropped.
MAX_CHARS = 20_000_000

# ZIP containers (DOCX, ODT): refused beyond these, as possible "zip bombs".
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_MIN_SIZE = 10 * 1024 * 1024
# The central directory itself is bounded before zipfile parses it into Python objects.
ZIP_MAX_DIRECTORY = 4 * 1024 * 1024

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

KINDS = ("pdf", "docx", "odt", "html", "txt")


class ChildError(Exception):
    """A refusal or failure with a code the parent turns into a sentence for editors."""

    def __init__(self, code: str, message: str, value: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.value = value


# ---------------------------------------------------------------------------- ZIP checks


def zip_directory_problem(fp) -> tuple[str, int] | None:
    """Read the end-of-central-directory record of an open binary file.

    Returns None, ("zip_damaged", 0), ("zip_members", count) or ("zip_directory", size),
    so that a ZIP announcing millions of members is refused before zipfile builds them.
    """
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_size = min(size, 22 + 65535)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return ("zip_damaged", 0)
    members, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if members == 0xFFFF or directory_size == 0xFFFFFFFF:
        # ZIP64: the real numbers are in the ZIP64 end record the locator points to.
        locator = tail[at - 20 : at] if at >= 20 else b""
        if not locator.startswith(b"PK\x06\x07"):
            return ("zip_damaged", 0)
        (record_offset,) = struct.unpack("<Q", locator[8:16])
        fp.seek(record_offset)
        record = fp.read(56)
        if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
            return ("zip_damaged", 0)
        members, directory_size = struct.unpack("<QQ", record[32:48])
    if members > ZIP_MAX_MEMBERS:
        return ("zip_members", members)
    if directory_size > ZIP_MAX_DIRECTORY:
        return ("zip_directory", directory_size)
    return None


def zip_members_problem(infos: list[zipfile.ZipInfo]) -> tuple[str, int] | None:
    """Check sizes declared in the central directory: ("zip_members" | "zip_total" |
    "zip_ratio", number) or None."""
    if len(infos) > ZIP_MAX_MEMBERS:
        return ("zip_members", len(infos))
    total = 0
    for info in infos:
        total += info.file_size
        if total > ZIP_MAX_TOTAL:
            return ("zip_total", total)
        if info.file_size > ZIP_RATIO_MIN_SIZE:
            ratio = info.file_size // max(info.compress_size, 1)
            if ratio > ZIP_MAX_RATIO:
                return ("zip_ratio", ratio)
    return None


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a ZIP after the checks above; raise ChildError when it is refused."""
    with path.open("rb") as fp:
        problem = zip_directory_problem(fp)
    if problem is None:
        archive = zipfile.ZipFile(path)
        problem = zip_members_problem(archive.infolist())
        if problem is None:
            return archive
        archive.close()
    code, value = problem
    raise ChildError(code, f"ZIP refused: {code} {value}", value)


# ---------------------------------------------------------------------------- text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BLANKS = re.compile(r"[^\S\n]+")
_MANY_BREAKS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """One space between words, no space at line ends, at most one blank line in a row.

    Control characters and lone surrogates are dropped (PostgreSQL refuses NUL in text).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = "\n".join(_BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    return _MANY_BREAKS.sub("\n\n", text).strip()


class _Budget:
    """Counts the characters kept so that one document cannot fill the memory."""

    def __init__(self, limit: int = MAX_CHARS):
        self.left = limit
        self.truncated = False

    def take(self, text: str) -> str:
        if len(text) > self.left:
            text = text[: self.left]
            self.truncated = True
        self.left -= len(text)
        return text


# ---------------------------------------------------------------------------- PDF


def _open_pdf(path: Path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    # pypdf already tries the empty user password: files protected only against printing
    # or copying open; a file that needs a password to be read is refused.
    if reader.is_encrypted and not reader.decrypt(""):
        raise ChildError("encrypted", "the PDF needs a password")
    return reader


def check_pdf(path: Path) -> dict:
    reader = _open_pdf(path)
    count = len(reader.pages)
    if count == 0:
        raise ChildError("no_pages", "the PDF has no pages")
    return {"pages": count, "encrypted": bool(reader.is_encrypted)}


def extract_pdf(path: Path, budget: _Budget) -> dict:
    reader = _open_pdf(path)
    count = len(reader.pages)
    if count == 0:
        raise ChildError("no_pages", "the PDF has no pages")
    pages, errors = [], 0
    for number in range(count):
        if budget.left <= 0:
            pages.append("")
            budget.truncated = True
            continue
        try:
            text = reader.pages[number].extract_text() or ""
        except (MemoryError, RecursionError):
            raise
        except Exception:
            # One broken page does not lose the others.
            text = ""
            errors += 1
        pages.append(budget.take(normalise(text)))
    return {"pages": pages, "page_errors": errors}


# ---------------------------------------------------------------------------- DOCX


def extract_docx(path: Path, budget: _Budget) -> dict:
    import docx
    from docx.table import Table

    open_zip(path).close()
    document = docx.Document(str(path))
    blocks: list[str] = []

    def add(container) -> None:
        for item in container.iter_inner_content():
            if budget.left <= 0:
                budget.truncated = True
                return
            if isinstance(item, Table):
                seen = set()  # holds the elements, so lxml keeps returning the same objects
                for row in item.rows:
                    for cell in row.cells:
                        # A merged cell is returned once per grid column it spans.
                        if cell._tc in seen:
                            continue
                        seen.add(cell._tc)
                        add(cell)
            else:
                blocks.append(budget.take(item.text))

    add(document)
    return {"pages": [normalise("\n\n".join(blocks))]}


# ---------------------------------------------------------------------------- ODT

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODT_BLOCKS = {_TEXT + "p", _TEXT + "h"}
# Deleted text kept for tracked changes, comments, and note numbers are not the text.
_ODT_SKIP = {
    _TEXT + "tracked-changes",
    _OFFICE + "annotation",
    _TEXT + "note-citation",
}


def _safe_xml_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _odt_inline(element, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ODT_SKIP:
            pass  # comments, processing instructions, skipped elements
        elif tag == _TEXT + "s":
            try:
                count = int(child.get(_TEXT + "c", "1"))
            except ValueError:
                count = 1
            parts.append(" " * max(1, min(count, 100)))
        elif tag == _TEXT + "tab":
            parts.append("\t")
        elif tag == _TEXT + "line-break":
            parts.append("\n")
        elif tag in _ODT_BLOCKS:  # paragraphs inside a footnote's body
            parts.append("\n")
            _odt_inline(child, parts)
        else:
            _odt_inline(child, parts)
        parts.append(child.tail or "")


def extract_odt(path: Path, budget: _Budget) -> dict:
    from lxml import etree

    with open_zip(path) as archive, archive.open("content.xml") as content:
        root = etree.parse(content, _safe_xml_parser()).getroot()
    blocks: list[str] = []

    def visit(element) -> None:
        for child in element:
            if budget.left <= 0:
                budget.truncated = True
                return
            if not isinstance(child.tag, str) or child.tag in _ODT_SKIP:
                continue
            if child.tag in _ODT_BLOCKS:
                parts: list[str] = []
                _odt_inline(child, parts)
                blocks.append(budget.take("".join(parts)))
            else:
                visit(child)

    body = root.find(_OFFICE + "body")
    visit(body if body is not None else root)
    return {"pages": [normalise("\n\n".join(blocks))]}


# ---------------------------------------------------------------------------- HTML

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM, then a declared charset, then UTF-8, then Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding
    match = _CHARSET.search(data[:4096])
    if match:
        encoding = match.group(1).decode("ascii").lower()
        try:
            if codecs.lookup(encoding)._is_text_encoding:
                return data.decode(encoding, "replace"), encoding
        except (LookupError, ValueError, UnicodeError):
            pass  # an unknown charset: guess as below
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252"


_HTML_SKIP = {"script", "style", "template", "noscript"}
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "title", "tr", "ul",
}  # fmt: skip


class _HTMLText(HTMLParser):
    def __init__(self, budget: _Budget):
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.parts: list[str] = []
        self.skipping = 0
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HTML_SKIP:
            self.skipping += 1
        elif tag == "pre":
            self.pre += 1
        if tag in _HTML_BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in _HTML_SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _HTML_BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.skipping or self.budget.left <= 0:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
        self.parts.append(self.budget.take(data))


def extract_html(path: Path, budget: _Budget) -> dict:
    text, _ = _decode_html(path.read_bytes())
    parser = _HTMLText(budget)
    parser.feed(text)
    parser.close()
    return {"pages": [normalise("".join(parser.parts))]}


# ---------------------------------------------------------------------------- TXT


def _txt_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _read_text(fp, encoding: str, errors: str, budget: _Budget) -> str:
    fp.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    parts: list[str] = []
    while chunk := fp.read(1024 * 1024):
        if budget.left <= 0:
            budget.truncated = True
            break
        parts.append(budget.take(decoder.decode(chunk)))
    else:
        parts.append(budget.take(decoder.decode(b"", final=True)))
    return "".join(parts)


def extract_txt(path: Path, budget: _Budget) -> dict:
    with path.open("rb") as fp:
        encoding = _txt_encoding(fp.read(4))
        try:
            attempt = _Budget(budget.left)
            text = _read_text(fp, encoding, "strict", attempt)
        except UnicodeDecodeError:
            # Legacy Windows text; its five undefined bytes become U+FFFD.
            attempt = _Budget(budget.left)
            text = _read_text(fp, "cp1252", "replace", attempt)
    budget.left, budget.truncated = attempt.left, attempt.truncated
    return {"pages": [normalise(text)]}


# ---------------------------------------------------------------------------- strip

# Segments of a JPEG kept when stripping: JFIF header, ICC colour profile, Adobe colour
# transform. EXIF (with GPS position and camera serial), XMP, IPTC and comments go.
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without its metadata segments; unchanged when it cannot be parsed."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    i, size = 2, len(data)
    in_scan = False
    while i < size:
        if in_scan:
            # Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker.
            j = data.find(b"\xff", i)
            if j < 0 or j + 1 >= size:
                return data
            marker = data[j + 1]
            if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                out += data[i : j + 1]
                i = j + 1
                continue
            out += data[i:j]
            i = j
            in_scan = False
            continue
        if data[i] != 0xFF or i + 1 >= size:
            return data
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xD9:  # end of image: anything after it (thumbnails, MPF) goes
            out += b"\xff\xd9"
            return bytes(out)
        if marker in _JPEG_STANDALONE:
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > size:
            return data
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > size:
            return data
        segment = data[i:end]
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        keep = keep or marker in (0xE0, 0xEE)
        keep = keep or (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
        if keep:
            out += segment
        i = end
        if marker == 0xDA:  # start of scan: compressed data follows its header
            in_scan = True
    return data


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_METADATA = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def strip_png(data: bytes) -> bytes:
    """The PNG without text, EXIF and time chunks; unchanged when it cannot be parsed."""
    if not data.startswith(_PNG_SIGNATURE):
        return data
    out = bytearray(_PNG_SIGNATURE)
    i = len(_PNG_SIGNATURE)
    while i + 12 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            return data
        if kind not in _PNG_METADATA:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    return data


def strip_image(name: str, data: bytes) -> bytes:
    lower = name.lower()
    if lower.endswith((".jpg", ".jpeg", ".jpe")):
        return strip_jpeg(data)
    if lower.endswith(".png"):
        return strip_png(data)
    return data


# PDF annotations whose /T is the name of the person who wrote them (not form fields).
_MARKUP_ANNOTATIONS = {
    "/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
    "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink",
    "/FileAttachment", "/Sound", "/Redact", "/Popup",
}  # fmt: skip


def strip_pdf(src: Path, dst: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

    writer = PdfWriter(clone_from=_open_pdf(src))
    writer.metadata = None  # the document information dictionary (/Info)
    writer.xmp_metadata = None  # the catalogue's XMP stream
    # XMP can also hang off pages, images and fonts; Illustrator and others keep private
    # data (with names and paths) in /PieceInfo. Every object is visited, with the
    # dictionaries written inline in it (references are visited as objects of their own).
    pending = [obj for obj in writer._objects if isinstance(obj, (DictionaryObject, ArrayObject))]
    while pending:
        obj = pending.pop()
        if isinstance(obj, ArrayObject):
            pending.extend(v for v in obj if isinstance(v, (DictionaryObject, ArrayObject)))
            continue
        for key in ("/Metadata", "/PieceInfo"):
            obj.pop(NameObject(key), None)
        if obj.get("/Subtype") in _MARKUP_ANNOTATIONS:
            obj.pop(NameObject("/T"), None)  # the author of a comment
        if (
            isinstance(obj, StreamObject)
            and obj.get("/Subtype") == "/Image"
            and obj.get("/Filter") in ("/DCTDecode", ["/DCTDecode"])
        ):
            obj._data = strip_jpeg(obj._data)
        pending.extend(v for v in obj.values() if isinstance(v, (DictionaryObject, ArrayObject)))
    # Objects nothing points to any more (the old XMP streams) would still be written.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    with dst.open("wb") as out:
        writer.write(out)

    check = PdfReader(dst)
    if check.is_encrypted or check.metadata or "/Metadata" in check.trailer["/Root"]:  # type: ignore[operator]  # a dictionary
        raise ChildError("metadata_left", "metadata still present after rewriting")


_DOCX_PROPERTIES = {
    "core-properties": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
    "extended-properties": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>',
    "custom-properties": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>',
}
_DOCX_DEFAULT_PARTS = {
    "docProps/core.xml": "core-properties",
    "docProps/app.xml": "extended-properties",
    "docProps/custom.xml": "custom-properties",
}
# Authors of tracked changes and comments, and the people list of Word 2013+, are set to
# "Author" as Word's own "remove personal information" does.
_DOCX_AUTHORS = re.compile(rb'\b(w:author|w15:author|w:initials|w15:userId)="[^"]*"')
_DOCX_AUTHOR_VALUES = {
    b"w:author": b"Author",
    b"w15:author": b"Author",
    b"w:initials": b"A",
    b"w15:userId": b"",
}


def _docx_property_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Part name → replacement, found through the package relationships."""
    from lxml import etree

    parts = {name: _DOCX_PROPERTIES[kind] for name, kind in _DOCX_DEFAULT_PARTS.items()}
    try:
        with archive.open("_rels/.rels") as rels:
            root = etree.parse(rels, _safe_xml_parser()).getroot()
    except KeyError:
        return parts
    for rel in root:
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = (rel.get("Target") or "").lstrip("/")
        if kind in _DOCX_PROPERTIES and rel.get("TargetMode") != "External" and target:
            parts[target] = _DOCX_PROPERTIES[kind]
    return parts


def _fixed_info(info: zipfile.ZipInfo, compress_type: int | None = None) -> zipfile.ZipInfo:
    # Member dates tell when the document was last saved: all are set to 1980-01-01.
    new = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
    new.compress_type = info.compress_type if compress_type is None else compress_type
    new.external_attr = info.external_attr
    return new


def _rewrite_zip(src: Path, dst: Path, transform, first: tuple[str, bytes] | None = None):
    """Copy every member of src into dst, in order; `transform(name)` returns a function
    bytes → bytes for members to change, or None to copy them as they are."""
    with open_zip(src) as archive, zipfile.ZipFile(dst, "w") as out:
        if first:
            name, data = first
            out.writestr(_fixed_info(zipfile.ZipInfo(name), zipfile.ZIP_STORED), data)
        for info in archive.infolist():
            if first and info.filename == first[0]:
                continue
            change = transform(info.filename)
            target = _fixed_info(info)
            if change is None:
                with archive.open(info) as source, out.open(target, "w") as sink:
                    shutil.copyfileobj(source, sink, 1024 * 1024)
            else:
                out.writestr(target, change(archive.read(info)))


def strip_docx(src: Path, dst: Path) -> None:
    with open_zip(src) as archive:
        properties = _docx_property_parts(archive)

    def transform(name: str):
        if name in properties:
            return lambda data: properties[name]
        if name.startswith("word/") and name.endswith(".xml"):
            return lambda data: _DOCX_AUTHORS.sub(
                lambda m: m.group(1) + b'="' + _DOCX_AUTHOR_VALUES[m.group(1)] + b'"', data
            )
        if name.lower().endswith((".jpg", ".jpeg", ".jpe", ".png")):
            return lambda data: strip_image(name, data)
        return None

    _rewrite_zip(src, dst, transform)


_ODF_VERSION = re.compile(rb'office:version="([0-9.]+)"')
_ODF_CREATORS = re.compile(rb"<dc:creator>[^<]*</dc:creator>")


def _odf_version(data: bytes) -> bytes:
    match = _ODF_VERSION.search(data[:2048])
    return match.group(1) if match else b"1.2"


def strip_odt(src: Path, dst: Path) -> None:
    def transform(name: str):
        if name == "meta.xml":
            return lambda data: (
                b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
                b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                b'office:version="'
                + _odf_version(data)
                + b'"><office:meta/></office:document-meta>'
            )
        if name == "settings.xml":  # printer names and printer-driver data
            return lambda data: (
                b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings '
                b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                b'office:version="' + _odf_version(data) + b'"/>'
            )
        if name in ("content.xml", "styles.xml"):  # authors of comments and changes
            return lambda data: _ODF_CREATORS.sub(b"<dc:creator>Author</dc:creator>", data)
        if name.lower().endswith((".jpg", ".jpeg", ".jpe", ".png")):
            return lambda data: strip_image(name, data)
        return None

    # The ODF specification wants "mimetype" first and stored uncompressed.
    _rewrite_zip(src, dst, transform, first=("mimetype", ODT_MIMETYPE))


class _MetaFinder(HTMLParser):
    """Finds where the <meta name=…> / <meta property=…> tags and the comments are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.spans: list[tuple[tuple[int, int], int, str | None]] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "meta" and names & {"name", "property", "itemprop"}:
            self.spans.append((self.getpos(), len(self.get_starttag_text() or ""), None))

    def handle_comment(self, data):
        text = f"<!--{data}-->"
        self.spans.append((self.getpos(), len(text), text))


def strip_html(src: Path, dst: Path) -> None:
    """Remove named <meta> tags (author, generator, description…) and comments, leaving
    every other byte as it was."""
    data = src.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "latin-1"  # one character per byte: positions are byte offsets
    text = data.decode(encoding, "surrogateescape" if encoding == "utf-16" else "strict")
    finder = _MetaFinder()
    finder.feed(text)
    finder.close()
    line_starts = [0]
    for line in text.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    out, last = [], 0
    for (line_number, column), length, expected in finder.spans:
        start = line_starts[line_number - 1] + column
        if start < last or (expected is not None and text[start : start + length] != expected):
            continue
        out.append(text[last:start])
        last = start + length
    out.append(text[last:])
    dst.write_bytes("".join(out).encode(encoding, "surrogateescape"))


def strip(src: Path, dst: Path, kind: str) -> None:
    if kind == "pdf":
        strip_pdf(src, dst)
    elif kind == "docx":
        strip_docx(src, dst)
    elif kind == "odt":
        strip_odt(src, dst)
    elif kind == "html":
        strip_html(src, dst)
    else:
        shutil.copyfile(src, dst)


# ---------------------------------------------------------------------------- main

_EXTRACTORS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "odt": extract_odt,
    "html": extract_html,
    "txt": extract_txt,
}


def run(argv: list[str]) -> dict:
    if len(argv) == 3 and argv[0] == "extract" and argv[2] in KINDS:
        budget = _Budget()
        result = _EXTRACTORS[argv[2]](Path(argv[1]), budget)
        result["truncated"] = budget.truncated
        return result
    if len(argv) == 3 and argv[0] == "check" and argv[2] == "pdf":
        return check_pdf(Path(argv[1]))
    if len(argv) == 4 and argv[0] == "strip" and argv[3] in KINDS:
        strip(Path(argv[1]), Path(argv[2]), argv[3])
        return {"stripped": True}
    raise ChildError("usage", "usage: extract PATH KIND | check PATH pdf | strip SRC DST KIND")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a library that prints must not spoil the JSON
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    status = 1
    try:
        result = run(argv)
        status = 0
    except ChildError as exc:
        result = {"error": exc.message, "code": exc.code, "value": exc.value}
    except MemoryError:
        result = {"error": "out of memory", "code": "memory"}
    except RecursionError:
        result = {"error": "structure nested too deeply", "code": "corrupt"}
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        code = "corrupt"
        if type(exc).__name__ == "DependencyError":
            code = "encrypted_unsupported"  # AES, and the `cryptography` package is absent
        elif "failed to map segment" in message or "Cannot allocate memory" in message:
            code = "memory"  # a library that could not be loaded for lack of address space
        result = {"error": message[:300], "code": code}
    out.write(json.dumps(result, ensure_ascii=False).encode("utf-8", "replace"))
    out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
