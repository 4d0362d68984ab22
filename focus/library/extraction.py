"""Checking uploaded documents, extracting their text and removing their metadata.

`check_file` decides what a file is from its content (not its name) and refuses what must
not be kept. `extract_text` and `strip_metadata` open the file in a child process
(`focus.library.extract_child`) with CPU, memory, file-size and time limits, because PDF
and ZIP parsers have a history of denial-of-service bugs; run them outside web requests.
Scanned pages are read by OCR when tesseract and pdftoppm are installed.

Nothing here touches the database.
"""

import codecs
import json
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from focus.library.extract_child import (
    MAX_CHARS,
    ODT_MIMETYPE,
    normalise,
    zip_directory_problem,
    zip_members_problem,
)

logger = logging.getLogger(__name__)

MB = 1024 * 1024
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class FileKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document (DOCX)")
    ODT = "odt", _("OpenDocument text (ODT)")
    HTML = "html", _("web page (HTML)")
    TXT = "txt", _("plain text (TXT)")


MIME_TYPES: dict[str, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.HTML: "text/html",
    FileKind.TXT: "text/plain",
}

EXTENSIONS: dict[str, str] = {
    FileKind.PDF: ".pdf",
    FileKind.DOCX: ".docx",
    FileKind.ODT: ".odt",
    FileKind.HTML: ".html",
    FileKind.TXT: ".txt",
}

# Extensions a name may end in for each kind; another known extension contradicts.
_DECLARED = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".odt": FileKind.ODT,
    ".html": FileKind.HTML,
    ".htm": FileKind.HTML,
    ".xhtml": FileKind.HTML,
    ".txt": FileKind.TXT,
    ".text": FileKind.TXT,
}
_FOREIGN_EXTENSIONS = {
    ".7z", ".bmp", ".csv", ".doc", ".docm", ".dot", ".dotx", ".epub", ".exe", ".gif",
    ".gz", ".heic", ".jpeg", ".jpg", ".js", ".mp3", ".mp4", ".odp", ".ods", ".ott", ".png",
    ".ppt", ".pptx", ".rar", ".rtf", ".svg", ".tar", ".tif", ".tiff", ".webp", ".xls",
    ".xlsx", ".xml", ".zip",
}  # fmt: skip

# Recognised formats that are not accepted, to tell the editor what the file is.
_OTHER_FORMATS = [
    (b"\x89PNG\r\n\x1a\n", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF8", _("a GIF image")),
    (b"II*\x00", _("a TIFF image")),
    (b"MM\x00*", _("a TIFF image")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("an old Microsoft Office file (.doc, .xls) or a password-protected Office document")),
    (b"{\\rtf", _("an RTF document")),
    (b"\x1f\x8b", _("a compressed (gzip) file")),
    (b"7z\xbc\xaf\x27\x1c", _("a 7-Zip archive")),
    (b"Rar!", _("a RAR archive")),
    (b"\x7fELF", _("a program")),
]  # fmt: skip


class Refused(Exception):
    """The file is not accepted; `reason` says why, for the editor who uploaded it."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason

    def __str__(self):
        return str(self.reason)


class ExtractionFailed(Exception):
    """Reading or cleaning the file failed; `reason` says why, for an editor."""

    def __init__(self, reason, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail  # what the child program said, for the logs

    def __str__(self):
        return str(self.reason)


@dataclass
class Extraction:
    kind: str
    pages: list[str]
    ocr_used: bool = False
    note: str = ""


# ---------------------------------------------------------------------------- check_file


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f}" if size >= MB else f"{size / MB:.1f}"


def _declared_extension(name: str) -> str | None:
    """The extension a file name declares, lower-cased, or None ("Ley 1.2019" has none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    _, dot, extension = base.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", extension) or extension.isdigit():
        return None
    return "." + extension.lower()


def _zip_reason(code: str, value: int):
    if code == "zip_damaged":
        return _("The file looks like a ZIP archive (DOCX, ODT) but it is damaged.")
    if code == "zip_members":
        return _(
            "The archive holds too many files (more than %(count)s): it is refused as a "
            "possible “zip bomb”."
        ) % {"count": f"{value:,}"}
    if code == "zip_directory":
        return _("The archive's table of contents is abnormally large: it is refused.")
    if code == "zip_total":
        return _(
            "Once unpacked, the file would take more than %(limit)s MB: it is refused as a "
            "possible “zip bomb”."
        ) % {"limit": _megabytes(value)}
    return _(
        "The file is compressed abnormally (%(ratio)s to 1): it is refused as a possible "
        "“zip bomb”."
    ) % {"ratio": f"{value:,}"}


def _sniff_zip(path: Path) -> FileKind:
    try:
        with path.open("rb") as fp:
            problem = zip_directory_problem(fp)
        if problem:
            raise Refused(_zip_reason(*problem))
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename: info for info in infos}
            kind = None
            if "word/document.xml" in names:
                kind = FileKind.DOCX
            elif (
                "mimetype" in names
                and names["mimetype"].file_size <= 100
                and archive.read("mimetype").strip() == ODT_MIMETYPE
            ):
                kind = FileKind.ODT
            if kind is None:
                raise Refused(
                    _(
                        "This file is a ZIP archive but not a Word (DOCX) or OpenDocument "
                        "(ODT) text."
                    )
                )
            problem = zip_members_problem(infos)
            if problem:
                raise Refused(_zip_reason(*problem))
            manifest = names.get("META-INF/manifest.xml")
            if (
                kind == FileKind.ODT
                and manifest
                and manifest.file_size <= MB
                and b"encryption-data" in archive.read(manifest)
            ):
                raise Refused(
                    _("The document is protected by a password: upload a copy without one.")
                )
            return kind
    except Refused:
        raise
    except Exception as exc:  # zipfile raises many kinds of errors on damaged archives
        logger.info("Damaged ZIP %s: %r", path, exc)
        raise Refused(_zip_reason("zip_damaged", 0)) from None


def _looks_like_html(head: bytes) -> bool:
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, "ignore")
            break
    else:
        text = head.decode("latin-1")
    text = text.lstrip().lower()
    # An XML declaration or comments may come before the doctype.
    while text.startswith(("<?xml", "<!--")):
        end = text.find("?>" if text.startswith("<?") else "-->")
        if end < 0:
            return False
        text = text[end + 3 :].lstrip()
    return text.startswith(("<!doctype html", "<html"))


def _looks_like_text(path: Path) -> bool:
    """UTF-8 (or UTF-16 with a BOM) without NUL, or legacy 8-bit text (Windows-1252)
    without NUL and with hardly any control characters."""
    with path.open("rb") as fp:
        head = fp.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encodings = ["utf-16"]
        else:
            encodings = ["utf-8-sig", "cp1252"]
        for encoding in encodings:
            fp.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)("strict")
            characters = controls = 0
            try:
                while chunk := fp.read(MB):
                    text = decoder.decode(chunk)
                    if "\x00" in text:
                        return False
                    characters += len(text)
                    controls += len(_CONTROLS.findall(text))
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return controls <= characters // 100
    return False


# Control characters other than tab, line breaks, form feed, DOS end-of-file and escape.
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x19\x1c-\x1f\x7f]")


def _sniff(path: Path, head: bytes) -> tuple[FileKind | None, object]:
    """(kind, None) for an accepted kind, (None, description or None) otherwise."""
    if b"%PDF-" in head:
        return FileKind.PDF, None
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path), None
    if head.startswith(b"PK\x05\x06"):
        return None, _("an empty ZIP archive")
    for magic, description in _OTHER_FORMATS:
        if head.startswith(magic):
            return None, description
    if _looks_like_html(head) and _looks_like_text(path):
        return FileKind.HTML, None
    if _looks_like_text(path):
        return FileKind.TXT, None
    return None, None


def check_file(path: Path, name: str, max_bytes: int) -> FileKind:
    """The kind of document the file at `path` holds, uploaded under `name`.

    Raises Refused with a reason for the editor: empty or too large, content of a kind not
    accepted or contradicting the name's extension, ZIP bombs, PDFs needing a password or
    that cannot be opened.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise Refused(_("The file is empty."))
    if size > max_bytes:
        raise Refused(
            _("The file is larger than the limit of %(limit)s MB.")
            % {"limit": _megabytes(max_bytes)}
        )
    with path.open("rb") as fp:
        head = fp.read(1024)

    extension = _declared_extension(name)
    declared = _DECLARED.get(extension) if extension else None
    try:
        kind, description = _sniff(path, head)
    except Refused:
        if declared in (None, FileKind.DOCX, FileKind.ODT):
            raise  # the reason about the archive is the most useful
        kind, description = None, _("a ZIP archive")

    # A text file named .html is a fragment of a web page, not a contradiction.
    if (
        kind == FileKind.TXT
        and declared == FileKind.HTML
        and re.search(rb"<(body|p|div|h[1-6]|table|meta|title|head)\b", head, re.I)
    ):
        kind = FileKind.HTML

    if declared and kind != declared:
        reason = _(
            "The file's content is not %(expected)s although its name ends in %(extension)s."
        ) % {
            "expected": declared.value.upper(),
            "extension": extension,
        }
        actual = kind.label if kind else description
        if actual:
            reason += " " + _("It looks like %(actual)s.") % {"actual": actual}
        raise Refused(reason)
    if kind is None:
        if description:
            reason = _("Files of this type are not accepted (it looks like %(actual)s).") % {
                "actual": description
            }
        else:
            reason = str(_("The file's content is not a document this site can read."))
        raise Refused(f"{reason} {_ACCEPTED}")
    if extension in _FOREIGN_EXTENSIONS:
        reason = _("Files whose name ends in %(extension)s are not accepted.") % {
            "extension": extension
        }
        raise Refused(f"{reason} {_ACCEPTED}")
    if kind == FileKind.PDF:
        _check_pdf(path)
    return kind


_ACCEPTED = _(
    "Accepted: PDF, Word (DOCX), OpenDocument text (ODT), web pages (HTML) and plain text."
)


def _check_pdf(path: Path) -> None:
    """Open the PDF in the sandbox: refuses damaged files and those needing a password."""
    try:
        _run_child(["check", str(path), "pdf"], timeout=30, memory_mb=512, cpu_seconds=30)
    except ExtractionFailed as exc:
        raise Refused(exc.reason) from None


# ---------------------------------------------------------------------------- the child


def _limit(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value))


def _limits(memory_bytes: int, cpu_seconds: int, file_bytes: int, files: int = 64):
    """A preexec_fn that sets the child's resource limits before it starts."""

    def apply() -> None:
        _limit(resource.RLIMIT_AS, memory_bytes)
        _limit(resource.RLIMIT_FSIZE, file_bytes)
        _limit(resource.RLIMIT_NOFILE, files)
        _limit(resource.RLIMIT_CORE, 0)
        # The soft limit sends SIGXCPU; the hard one, a second later, SIGKILL.
        soft, hard = cpu_seconds, cpu_seconds + 1
        current = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))

    return apply


def _child_environment() -> dict[str, str]:
    # Only what Python needs to find `focus`: no secrets, no DJANGO_SETTINGS_MODULE.
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "PYTHONPATH": str(PROJECT_ROOT),
    }


# What a process short of address space says when it fails outside Python's MemoryError.
_MEMORY_HINTS = (
    "MemoryError",
    "Cannot allocate memory",
    "failed to map segment",
    "out of memory",
    "std::bad_alloc",
)


def _memory_reason(memory_mb: int) -> str:
    return _("Reading the file needed more than %(limit)s MB of memory: it was stopped.") % {
        "limit": memory_mb
    }


def _run_child(
    args: list[str],
    *,
    timeout: float,
    memory_mb: int,
    cpu_seconds: int,
    file_bytes: int = 0,
) -> dict:
    # -B: no .pyc files (the child may not write any); -P: no current directory on sys.path.
    command = [sys.executable, "-B", "-P", "-m", "focus.library.extract_child", *args]
    started = time.monotonic()
    try:
        completed = subprocess.run(  # noqa: S603  (fixed program; the path is one argument)
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            env=_child_environment(),
            cwd=PROJECT_ROOT,
            preexec_fn=_limits(memory_mb * MB, max(1, int(cpu_seconds)), file_bytes),
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Extraction child timed out after %ss: %s", timeout, args)
        raise ExtractionFailed(
            _("Reading the file took longer than %(seconds)s seconds: it was stopped.")
            % {"seconds": f"{timeout:g}"}
        ) from None
    stderr = completed.stderr.decode("utf-8", "replace")[-2000:]
    logger.debug(
        "Extraction child %s: %.2fs, exit %s",
        args[0],
        time.monotonic() - started,
        completed.returncode,
    )
    try:
        result = json.loads(completed.stdout.decode("utf-8", "replace"))
    except ValueError:
        result = None
    if completed.returncode == 0 and isinstance(result, dict) and "error" not in result:
        return result

    logger.warning(
        "Extraction child failed (%s, exit %s): %s %s", args, completed.returncode, result, stderr
    )
    if isinstance(result, dict) and "code" in result:
        error = str(result.get("error", ""))
        raise ExtractionFailed(_reason(result, memory_mb), error)
    status = completed.returncode
    if status == -signal.SIGXCPU:
        raise ExtractionFailed(
            _(
                "Reading the file used more than %(seconds)s seconds of processor time: it was stopped."
            )
            % {"seconds": cpu_seconds},
            stderr,
        )
    if any(hint in stderr for hint in _MEMORY_HINTS):
        raise ExtractionFailed(_memory_reason(memory_mb), stderr)
    if status < 0:
        raise ExtractionFailed(
            _(
                "The program reading the file stopped abruptly (%(signal)s): the file may be damaged."
            )
            % {"signal": signal.Signals(-status).name},
            stderr,
        )
    last_line = stderr.strip().rsplit("\n", 1)[-1][:300]
    raise ExtractionFailed(
        _("The file could not be read (%(error)s).") % {"error": last_line or status}, stderr
    )


def _reason(result: dict, memory_mb: int):
    code, error, value = str(result["code"]), str(result.get("error", "")), result.get("value")
    if code == "encrypted":
        return _("The PDF is protected by a password: upload a copy without one.")
    if code == "encrypted_unsupported":
        return _(
            "The PDF is encrypted in a way this server cannot open: upload a copy without "
            "protection."
        )
    if code == "no_pages":
        return _("The PDF has no pages.")
    if code == "memory":
        return _memory_reason(memory_mb)
    if code.startswith("zip_"):
        return _zip_reason(code, value if isinstance(value, int) else 0)
    if code == "metadata_left":
        return _("The metadata could not be removed from the file.")
    return _("The file is damaged or cannot be read (%(error)s).") % {"error": error}


# ---------------------------------------------------------------------------- extract_text


def extract_text(
    path: Path,
    kind: str,
    *,
    timeout: float = 60,
    memory_mb: int = 512,
    cpu_seconds: int = 60,
    ocr_languages: str = "spa+eng+fra+por",
    ocr_timeout: float = 600,
) -> Extraction:
    """The text of the document, one string per PDF page (one string for other kinds).

    Pages of a PDF without text are read by OCR when tesseract and pdftoppm are installed,
    within `ocr_timeout` seconds in all. Raises ExtractionFailed.
    """
    kind = FileKind(kind)
    result = _run_child(
        ["extract", str(path), kind.value],
        timeout=timeout,
        memory_mb=memory_mb,
        cpu_seconds=cpu_seconds,
    )
    pages = result.get("pages")
    if not isinstance(pages, list) or not all(isinstance(page, str) for page in pages):
        raise ExtractionFailed(_("The file could not be read (%(error)s).") % {"error": "no text"})

    notes = []
    if result.get("truncated"):
        notes.append(
            _("The text is very long: only its first %(count)s characters were kept.")
            % {"count": f"{MAX_CHARS:,}"}
        )
    errors = result.get("page_errors") or 0
    if errors:
        notes.append(
            ngettext(
                "The text of %(count)s page could not be read.",
                "The text of %(count)s pages could not be read.",
                errors,
            )
            % {"count": errors}
        )
    ocr_used = False
    if kind == FileKind.PDF:
        ocr_used, note = _ocr_blank_pages(
            Path(path), pages, ocr_languages, ocr_timeout, memory_mb=memory_mb
        )
        if note:
            notes.append(note)
    return Extraction(kind=kind.value, pages=pages, ocr_used=ocr_used, note=" ".join(notes))


# ---------------------------------------------------------------------------- OCR

# A page with fewer letters and digits than this is taken for a scan.
OCR_MIN_CHARACTERS = 10
OCR_PAGE_TIMEOUT = 120


def _is_blank(text: str) -> bool:
    return sum(character.isalnum() for character in text) < OCR_MIN_CHARACTERS


def _run_tool(command: list[str], timeout: float, memory_mb: int) -> bytes | None:
    """stdout of an OCR tool run with limits, or None when it fails or takes too long."""
    environment = _child_environment()
    environment.pop("PYTHONPATH")
    environment["OMP_THREAD_LIMIT"] = "1"  # tesseract: one thread, a predictable memory use
    if "TESSDATA_PREFIX" in os.environ:
        environment["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    try:
        completed = subprocess.run(  # noqa: S603  (fixed programs found by shutil.which)
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=max(timeout, 1),
            env=environment,
            preexec_fn=_limits(memory_mb * MB, int(max(timeout, 1)) + 1, 256 * MB),
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError) as exc:
        logger.warning("OCR tool failed: %s: %r", command[0], exc)
        return None
    if completed.returncode != 0:
        logger.warning(
            "OCR tool %s exited %s: %s", command[0], completed.returncode, completed.stderr[-500:]
        )
        return None
    return completed.stdout


def _ocr_languages(tesseract: str, wanted: str, memory_mb: int) -> str:
    output = _run_tool([tesseract, "--list-langs"], 20, memory_mb)
    if output is None:
        return ""
    # The first line is a header: "List of available languages in "/usr/share/…" (3):"
    installed = set(output.decode("utf-8", "replace").split()[1:])
    return "+".join(language for language in wanted.split("+") if language in installed)


def _ocr_blank_pages(
    path: Path, pages: list[str], languages: str, budget: float, *, memory_mb: int
) -> tuple[bool, str]:
    """Fill blank pages in place with OCR text; returns (OCR used, note for the editor)."""
    blank = [number for number, text in enumerate(pages) if _is_blank(text)]
    if not blank:
        return False, ""
    tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        return False, str(
            _("The file has pages without text (a scan?); OCR is not installed on this server.")
        )
    memory_mb = max(memory_mb, 1024)
    languages = _ocr_languages(tesseract, languages, memory_mb)
    if not languages:
        return False, str(
            _(
                "The file has pages without text (a scan?); OCR is installed but not for "
                "the languages of the site."
            )
        )
    deadline = time.monotonic() + budget
    used = False
    with tempfile.TemporaryDirectory(prefix="focus-ocr-") as directory:
        image = Path(directory) / "page"
        for number in blank:
            left = deadline - time.monotonic()
            if left <= 1:
                return used, str(
                    _(
                        "Reading the scanned pages was stopped after %(seconds)s seconds: "
                        "some pages have no text."
                    )
                    % {"seconds": f"{budget:g}"}
                )
            page = str(number + 1)
            png = image.with_suffix(".png")
            png.unlink(missing_ok=True)
            rendered = _run_tool(
                [
                    pdftoppm,
                    "-f",
                    page,
                    "-l",
                    page,
                    "-r",
                    "200",
                    "-png",
                    "-singlefile",
                    str(path),
                    str(image),
                ],
                min(left, OCR_PAGE_TIMEOUT),
                memory_mb,
            )
            if rendered is None or not png.exists():
                continue
            left = deadline - time.monotonic()
            text = _run_tool(
                [tesseract, str(png), "stdout", "-l", languages],
                min(left, OCR_PAGE_TIMEOUT),
                memory_mb,
            )
            if text is not None:
                used = True
                pages[number] = normalise(text.decode("utf-8", "replace"))
    return used, ""


# ---------------------------------------------------------------------------- strip_metadata


def strip_metadata(
    src: Path,
    dst: Path,
    kind: str,
    *,
    timeout: float = 120,
    memory_mb: int = 512,
    cpu_seconds: int = 120,
) -> None:
    """Write to `dst` a copy of `src` without its metadata (see extract_child.strip_*).

    Raises ExtractionFailed; `dst` is then removed.
    """
    kind = FileKind(kind)
    src, dst = Path(src), Path(dst)
    # The copy may grow a little (a rewritten PDF no longer uses object streams).
    file_bytes = src.stat().st_size * 10 + 64 * MB
    try:
        _run_child(
            ["strip", str(src), str(dst), kind.value],
            timeout=timeout,
            memory_mb=memory_mb,
            cpu_seconds=cpu_seconds,
            file_bytes=file_bytes,
        )
    except ExtractionFailed:
        dst.unlink(missing_ok=True)
        raise
