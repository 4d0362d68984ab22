"""Cursor pagination for the API: each page starts after the last record of the one before.

Records come in the order of their id, which never changes, so a harvester that follows
`next` sees every record once even while editors add more, and a page costs the same at
the millionth record as at the first (no OFFSET).
"""

import base64
import binascii
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from .schemas import record

MAX_PAGE_SIZE = 1000
PAGE_SIZE = 100


class BadParameter(Exception):
    """A query parameter the API cannot use: a 400 that names it."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> int:
    """The position a cursor of this API holds; anything else is a BadParameter."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        found, _sep, number = text.partition(":")
        value = int(number)
        if found != kind or value < 0 or value >= 2**63:
            raise ValueError(text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadParameter(
            "cursor", _("This cursor was not given by this API: use the “next” link of a page.")
        ) from None
    return value


def next_url(request, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return (
        f"{request.build_absolute_uri(request.path)}?{urlencode(sorted(query.lists()), doseq=True)}"
    )


class PageParameters(Schema):
    cursor: str | None = Field(
        None,
        max_length=200,
        description="Where the page starts: the `next` link of the page before.",
    )
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many records a page holds."
    )


class CursorPagination(PaginationBase):
    Input = PageParameters  # type: ignore[assignment]  # ninja declares Input as a nested class

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="The next page's address; null on the last page.")

    items_attribute = "items"

    def __init__(self, *, schema=None, **kwargs):
        # The records are read as the schema says (schemas.record), then checked by ninja.
        super().__init__(**kwargs)
        self.schema = schema

    def paginate_queryset(self, queryset, pagination: PageParameters, request, **params):
        after = decode_cursor("after", pagination.cursor)
        size = pagination.page_size
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        last = rows[-1].pk if rows else 0
        if self.schema is not None:
            rows = [record(self.schema, row) for row in rows]
        return {
            "items": rows,
            "next": next_url(request, encode_cursor("after", last)) if more else None,
        }
