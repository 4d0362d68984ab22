"""Loading the project's own seed files: strict, atomic per file, idempotent.

Each app keeps its seed files in `<app>/seed/` and a `seeding.py` that turns each row
into field values. This module reads the files, validates every row with the model's
own validation, and writes only what differs from the database, so that a second run
changes nothing and records no new history. A bad row aborts its whole file.
"""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction


class SeedError(Exception):
    """A row that cannot be loaded: names the file, the line and the reason."""

    def __init__(self, path: Path, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path.name}, line {line}" if line else path.name
        super().__init__(f"{where}: {reason}")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Row:
    """What one seed row gives: field values, many-to-many sets, and its line."""

    line: int
    key: str
    values: dict
    many: dict[str, set] = field(default_factory=dict)


def read_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict]]:
    """The rows of a UTF-8 CSV file with their line numbers; checks the header."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise SeedError(path, 1, f"missing column(s): {', '.join(missing)}")
        for row in reader:
            if None in row:
                raise SeedError(path, reader.line_num, "more values than columns")
            yield reader.line_num, row


def split(value: str, sep: str = ";") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def choice(value: str, choices: type[models.TextChoices], what: str, blank: bool = False) -> str:
    """A vocabulary code, or a ValueError naming the unknown value."""
    value = (value or "").strip()
    if blank and not value:
        return ""
    if value not in choices.values:
        raise ValueError(f"unknown {what} '{value}' (expected one of: {', '.join(choices.values)})")
    return value


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(map(str, msgs))}" for name, msgs in error.message_dict.items()
        )
    return " ".join(error.messages)


def sync(
    path: Path,
    model: type[models.Model],
    key_field: str,
    rows: list[Row],
    progress: Callable[[int, int], None] | None = None,
) -> Counts:
    """Create or update one record per row, keyed on `key_field`; all or nothing.

    Must run inside a transaction (see `load_file`). Records not in the file are left
    alone: editors may have added them.
    """
    counts = Counts()
    seen: dict[str, int] = {}
    for row in rows:
        if row.key in seen:
            raise SeedError(
                path, row.line, f"duplicate key '{row.key}' (first at line {seen[row.key]})"
            )
        seen[row.key] = row.line
    existing = {
        getattr(o, key_field): o
        for o in model._default_manager.filter(**{f"{key_field}__in": list(seen)})
    }
    for number, row in enumerate(rows, start=1):
        obj = existing.get(row.key)
        is_new = obj is None
        if obj is None:
            obj = model(**{key_field: row.key}, **row.values)
        changed = is_new
        for name, value in row.values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        many_changed = {
            name: ids
            for name, ids in row.many.items()
            if (is_new and ids)
            or (not is_new and set(getattr(obj, name).values_list("pk", flat=True)) != ids)
        }
        if changed or many_changed:
            try:
                # Model.clean() checks what the constraints check, without a query per row;
                # the database still enforces them.
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise SeedError(path, row.line, _message(error)) from None
            try:
                with transaction.atomic():
                    if changed:
                        obj._change_reason = "load_seed"  # type: ignore[attr-defined]  # simple-history reads it
                        obj.save()
                    for name, ids in many_changed.items():
                        getattr(obj, name).set(ids)
            except IntegrityError as error:
                raise SeedError(path, row.line, f"refused by the database: {error}") from None
            if is_new:
                counts.created += 1
            else:
                counts.updated += 1
        else:
            counts.unchanged += 1
        if progress and number % 250 == 0:
            progress(number, len(rows))
    return counts


def load_file(
    path: Path, parse: Callable[[Path], list[Row]], model, key_field: str, progress=None
) -> Counts:
    """Parse and load one seed file in one transaction: a bad row writes nothing."""
    if not path.is_file():
        raise SeedError(path, None, "file not found")
    with transaction.atomic():
        rows = parse(path)
        return sync(path, model, key_field, rows, progress)


def parse_rows(path: Path, columns: list[str], make: Callable[[int, dict], Row]) -> list[Row]:
    """Turn every row into a Row, turning a ValueError into a SeedError with its line."""
    rows = []
    for line, raw in read_rows(path, columns):
        try:
            rows.append(make(line, raw))
        except (ValueError, LookupError) as error:
            raise SeedError(path, line, error.args[0] if error.args else str(error)) from None
    return rows


PAGES = Path(__file__).resolve().parent / "seed" / "pages"


def load_pages(folder: Path = PAGES) -> Counts:
    """The About and Key elements pages, from `<slug>.<language>.md` files.

    Each file starts with `# Title`. A page that exists keeps what editors wrote: only
    its empty languages are filled in.
    """
    from .models import Page

    texts: dict[str, dict[str, tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.*.md")):
        slug, language = path.name.removesuffix(".md").rsplit(".", 1)
        first, _, body = path.read_text(encoding="utf-8").partition("\n")
        if not first.startswith("# "):
            raise SeedError(path, 1, "a page starts with its title: '# Title'")
        texts.setdefault(slug, {})[language] = (first[2:].strip(), body.strip())
    counts = Counts()
    with transaction.atomic():
        for slug, languages in texts.items():
            page, created = Page.objects.get_or_create(
                slug=slug, defaults={"title_en": slug, "body_en": ""}
            )
            changed = False
            for language, (title, body) in languages.items():
                if created or not getattr(page, f"body_{language}"):
                    setattr(page, f"title_{language}", title)
                    setattr(page, f"body_{language}", body)
                    changed = True
            if changed:
                page.save()
            if created:
                counts.created += 1
            elif changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
    return counts
