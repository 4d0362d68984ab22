"""PDF documents rendered by WeasyPrint from the project's own templates, fetching
nothing from outside: country briefs now, the annual report later.

`render_pdf(template, context, title=…, language=…)` renders a template (one that
extends "reports/pdf_document.html") to a tagged PDF (PDF/UA-1) with its title, language
and author in the PDF's metadata. Everything the document refers to is read by
`ProjectFilesFetcher`: the project's static files, read from disk, and `data:` URIs;
any other address (another host, the site's own pages, file: paths) is refused and
recorded, so that no request leaves the server while a PDF is made.
"""

import contextlib
import datetime as dt
import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
logger = logging.getLogger(__name__)


@contextlib.contextmanager
def _quiet_weasyprint():
    """WeasyPrint logs a warning for each rule of the site's stylesheet it does not know
    (screen-only properties): hundreds a document. Only its errors are logged here;
    refused addresses are logged by render_pdf itself."""
    weasyprint_logger = logging.getLogger("weasyprint")
    level = weasyprint_logger.level
    weasyprint_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        weasyprint_logger.setLevel(level)


def site_base_url() -> str:
    """The address the document's relative links resolve against: the site's own, so
    that a link in the PDF opens the page on the site."""
    return settings.SITE_URL.rstrip("/") + "/"


def static_file(name: str) -> Path | None:
    """The file of a static asset by its name under STATIC_URL ("reports/brief.css"): the
    collected copy (hashed names in production), else the app's own; None for a name
    that leaves the static folders or does not exist."""
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or "\\" in name or ".." in parts or "\x00" in name:
        return None
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except Exception:  # noqa: S110 (a storage without local paths: the finders)
        pass
    found = finders.find(name)
    return Path(found) if found else None


class ProjectFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, kept to the project's static files and `data:` URIs.

    Every address WeasyPrint asks for is kept in `asked`, and those refused in `refused`
    (tests read them). Only the `data` protocol is open to the parent class: it is
    decoded in memory, with no request.
    """

    def __init__(self, base_url: str | None = None):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
        base = urlsplit(base_url or site_base_url())
        self.static = (base.scheme, base.netloc, urlsplit(settings.STATIC_URL).path or "/")
        if not self.static[2].startswith("/"):
            self.static = (base.scheme, base.netloc, "/" + self.static[2])
        self.asked: list[str] = []
        self.refused: list[str] = []

    def static_name(self, url: str) -> str | None:
        """The static file's name when `url` is one of the site's static addresses."""
        parts = urlsplit(url)
        scheme, netloc, prefix = self.static
        if (parts.scheme, parts.netloc) != (scheme, netloc) or not parts.path.startswith(prefix):
            return None
        return unquote(parts.path[len(prefix) :])

    def fetch(self, url, headers=None):
        self.asked.append(url)
        if url.startswith("data:"):
            return super().fetch(url, headers)
        name = self.static_name(url)
        path = static_file(name) if name else None
        if path is None:
            self.refused.append(url)
            raise ValueError(f"Not fetched (only the site's static files are): {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def default_author() -> str:
    return _(
        "Focus, Global Observatory on public policies for the protection of human rights defenders"
    )


def render_document(
    template_name: str,
    context: dict,
    *,
    title: str,
    language: str | None = None,
    author: str | None = None,
    created: dt.date | dt.datetime | None = None,
    fetcher: ProjectFilesFetcher | None = None,
):
    """The template laid out in pages (a WeasyPrint Document: `len(document.pages)`),
    in the active language unless told, with its metadata set; `write_pdf` writes it.

    The template gets `pdf_title`, `pdf_language`, `pdf_author` and `pdf_created` for its
    head (reports/pdf_document.html puts them there); the PDF's metadata is set from the
    same values. `created` (the date of the data, not of the rendering) keeps the bytes
    the same when the same data is rendered again.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    author = author or default_author()
    html = render_to_string(
        template_name,
        {
            **context,
            "pdf_title": title,
            "pdf_language": language,
            "pdf_author": author,
            "pdf_created": created,
        },
    )
    fetcher = fetcher or ProjectFilesFetcher()
    with _quiet_weasyprint():
        document = HTML(string=html, base_url=site_base_url(), url_fetcher=fetcher).render()
    for url in fetcher.refused:
        logger.warning("%s asked for %s, which was not fetched", template_name, url[:200])
    metadata = document.metadata
    metadata.title = title
    metadata.lang = language
    metadata.authors = [author]
    if created is not None:
        stamp = created.isoformat()
        metadata.created = metadata.modified = stamp
    return document


def write_pdf(document) -> bytes:
    """A laid-out document as a tagged PDF (PDF/UA-1)."""
    with _quiet_weasyprint():
        return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, **options) -> bytes:
    """A template as a tagged PDF (PDF/UA-1); `options` as for render_document: `title`
    (required), `language`, `author`, `created`, `fetcher`."""
    return write_pdf(render_document(template_name, context, **options))
