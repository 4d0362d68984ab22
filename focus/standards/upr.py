"""Reading UPR Info's export of UPR recommendations (its README is in
../shared/data/upr_info/): Mac Roman text, classic Mac line endings (bare CR), a few
recommendations given twice.

Every file is read and checked before anything is written: a malformed or mis-encoded
file stops the import with its line and reason, and the database is left as it was.
"""

import csv
import hashlib
import html
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from focus.geo.models import Jurisdiction
from focus.policies.models import Source

from .models import DEFENDERS_THEME, Recommendation, RecommendationTheme
from .vocabulary import Body, Response

COLUMNS = ["To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org"]
COLUMNS += ["Response", "Action", "Issue", "Session"]
RESPONSES = {"Accepted": Response.ACCEPTED, "Noted": Response.NOTED}
UNKNOWN_STATE = "(Unknown)"

# UPR Info's names that differ from the ISO names the observatory uses.
STATE_CODES = {
    "Antigua & Barbuda": "ATG",
    "Bosnia & Herzegovina": "BIH",
    "Cape Verde": "CPV",
    "Cote d'Ivoire": "CIV",
    "Czech Republic": "CZE",
    "DPR Korea": "PRK",
    "Democratic Republic of Congo": "COD",
    "Guinea Bissau": "GNB",
    "Holy See": "VAT",
    "Macedonia FYR": "MKD",
    "Republic of Congo": "COG",
    "Republic of Korea": "KOR",
    "Sao Tome & Principe": "STP",
    "St Kitts & Nevis": "KNA",
    "St Lucia": "LCA",
    "St Vincent & the Grenadines": "VCT",
    "Swaziland": "SWZ",
    "Trinidad & Tobago": "TTO",
    "Turkey": "TUR",
    "Viet Nam": "VNM",
}

SOURCE_URL = "https://www.upr-info.org/"
SOURCE_TITLE = (
    "UPR Info database of UPR recommendations (export of sessions 1-20, 2008-2014, "
    "as published in the rochelleterman/uprs research repository)"
)


class ImportProblem(Exception):
    """A file that cannot be imported: names the file, the line and the reason."""

    def __init__(self, path: Path, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path.name}, line {line}" if line else path.name
        super().__init__(f"{where}: {reason}")


@dataclass
class Item:
    """One recommendation as the files give it (duplicates merged)."""

    path: Path
    line: int
    to: str
    by: str
    text: str
    response: str
    action: int | None
    themes: set[str]
    session: int

    @property
    def key(self) -> str:
        return identity(self.to, self.by, self.text, self.session)

    @property
    def on_defenders(self) -> bool:
        return DEFENDERS_THEME in self.themes


def identity(to: str, by: str, text: str, session: int) -> str:
    """What makes two rows the same recommendation (README: same To, From, Text, Session)."""
    words = " ".join(text.split())
    return hashlib.sha256(f"{to}\x1f{by}\x1f{words}\x1f{session}".encode()).hexdigest()


@dataclass
class SessionCount:
    rows: int = 0
    duplicates: int = 0
    on_defenders: int = 0
    selected: int = 0
    created: int = 0
    present: int = 0

    @property
    def distinct(self) -> int:
        return self.rows - self.duplicates


@dataclass
class Report:
    sessions: dict[int, SessionCount] = field(default_factory=lambda: defaultdict(SessionCount))
    files: dict[str, int] = field(default_factory=dict)
    created_ids: list[int] = field(default_factory=list)

    def total(self) -> SessionCount:
        total = SessionCount()
        for count in self.sessions.values():
            for name in ("rows", "duplicates", "on_defenders", "selected", "created", "present"):
                setattr(total, name, getattr(total, name) + getattr(count, name))
        return total


def decode(path: Path, raw: bytes) -> str:
    """The file's text, from Mac Roman; refuses what is evidently another encoding."""
    if b"\x00" in raw:
        line = _line_of(raw, raw.index(b"\x00"))
        raise ImportProblem(path, line, "a NUL byte: this is not a text file")
    if any(b > 0x7F for b in raw):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # Mac Roman text is almost never valid UTF-8 as well; UTF-8 is always.
            line = _line_of(raw, next(i for i, b in enumerate(raw) if b > 0x7F))
            raise ImportProblem(
                path,
                line,
                "the file is UTF-8, not Mac Roman as UPR Info's export is: "
                "it was converted; give the original export",
            )
    return raw.decode("mac_roman")


def _line_of(raw: bytes, offset: int) -> int:
    """The line of a byte, whatever the file's line endings."""
    return raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def read(path: Path) -> list[Item]:
    """Every row of one file, checked; raises ImportProblem at the first bad one."""
    if not path.is_file():
        raise ImportProblem(path, None, "file not found")
    text = decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ImportProblem(path, 1, f"not a CSV file ({error})") from None
    if header != COLUMNS:
        raise ImportProblem(
            path, 1, f"the columns are not UPR Info's: expected {', '.join(COLUMNS)}"
        )
    items = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportProblem(path, reader.line_num, f"malformed CSV ({error})") from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise ImportProblem(path, line, f"{len(row)} values where there are 11 columns")
        items.append(_item(path, line, dict(zip(COLUMNS, row, strict=True))))
    if not items:
        raise ImportProblem(path, None, "no recommendations in the file")
    return items


def _item(path: Path, line: int, row: dict[str, str]) -> Item:
    def problem(reason: str) -> ImportProblem:
        return ImportProblem(path, line, reason)

    to, text = row["To"].strip(), " ".join(row["Text"].split())
    by = html.unescape(row["From"]).strip()
    if not to:
        raise problem("no state under review (To)")
    if not text:
        raise problem("no recommendation text (Text)")
    if not row["Session"].strip().isdigit() or not 0 < int(row["Session"]) < 200:
        raise problem(f"session '{row['Session'][:20]}' is not a session number")
    response = row["Response"].strip()
    if response and response not in RESPONSES:
        raise problem(f"response '{response[:20]}' is neither Accepted nor Noted")
    action = row["Action"].strip()
    if action and action not in {"1", "2", "3", "4", "5"}:
        raise problem(f"action category '{action[:20]}' is not 1 to 5")
    return Item(
        path=path,
        line=line,
        to=to,
        by=by,
        text=text,
        response=RESPONSES.get(response, ""),
        action=int(action) if action else None,
        themes={t.strip() for t in row["Issue"].split(",") if t.strip()},
        session=int(row["Session"]),
    )


def merge(items: Iterable[Item], report: Report) -> list[Item]:
    """One item per recommendation: a repeated row adds its themes to the first one."""
    first: dict[str, Item] = {}
    for item in items:
        count = report.sessions[item.session]
        count.rows += 1
        seen = first.get(item.key)
        if seen is None:
            first[item.key] = item
            continue
        count.duplicates += 1
        if (seen.response, seen.action) != (item.response, item.action):
            raise ImportProblem(
                item.path,
                item.line,
                f"repeats the recommendation of {seen.path.name}, line {seen.line}, "
                "with another response or action category",
            )
        seen.themes |= item.themes
    return list(first.values())


class States:
    """UPR Info's state names, resolved to the observatory's countries."""

    def __init__(self):
        countries = Jurisdiction.objects.countries()
        self.by_name = {c.name_en or c.name: c for c in countries}
        self.by_code = {c.code: c for c in countries}

    def get(self, name: str) -> Jurisdiction | None:
        if name in STATE_CODES:
            return self.by_code.get(STATE_CODES[name])
        return self.by_name.get(name)


def run(paths: list[Path], *, every_theme: bool = False) -> Report:
    """Read and check every file, then write the new recommendations in one transaction.

    Only recommendations on defenders are imported unless `every_theme`; one already
    in the database (by its identity) is left as it is, with what editors added to it.
    """
    report = Report()
    items: list[Item] = []
    for path in paths:
        found = read(path)
        report.files[path.name] = len(found)
        items += found
    items = merge(items, report)
    states = States()
    for item in items:
        if states.get(item.to) is None:
            raise ImportProblem(item.path, item.line, f"unknown state under review '{item.to}'")
        if item.by and item.by != UNKNOWN_STATE and states.get(item.by) is None:
            raise ImportProblem(item.path, item.line, f"unknown recommending state '{item.by}'")
    for item in items:
        if item.on_defenders:
            report.sessions[item.session].on_defenders += 1
    chosen = [item for item in items if every_theme or item.on_defenders]
    with transaction.atomic():
        _write(chosen, states, report)
    return report


def _write(items: list[Item], states: States, report: Report) -> None:
    present = set(
        Recommendation.objects.filter(import_key__isnull=False).values_list("import_key", flat=True)
    )
    new = []
    for item in items:
        count = report.sessions[item.session]
        count.selected += 1
        if item.key in present:
            count.present += 1
            continue
        count.created += 1
        new.append(item)
    if not new:
        return
    source, _ = Source.objects.get_or_create(
        url=SOURCE_URL, defaults={"title": SOURCE_TITLE, "publisher": "UPR Info"}
    )
    theme_names = sorted({name for item in new for name in item.themes})
    themes = {t.name_en: t.pk for t in RecommendationTheme.objects.filter(name_en__in=theme_names)}
    missing = [name for name in theme_names if name not in themes]
    for theme in RecommendationTheme.objects.bulk_create(
        RecommendationTheme(name=name, name_en=name) for name in missing
    ):
        themes[theme.name] = theme.pk
    if len(themes) < len(theme_names):  # bulk_create gives no keys on some databases
        themes = {
            t.name_en: t.pk for t in RecommendationTheme.objects.filter(name_en__in=theme_names)
        }
    created = Recommendation.objects.bulk_create(
        (
            Recommendation(
                jurisdiction=states.get(item.to),
                body=Body.UPR,
                cycle=Recommendation.upr_cycle(item.session),
                session=item.session,
                recommending_state=states.get(item.by) if item.by else None,
                recommended_by=item.by,
                text=item.text,
                response=item.response,
                action_category=item.action,
                import_key=item.key,
            )
            for item in new
        ),
        batch_size=1000,
    )
    if any(r.pk is None for r in created):
        ids = dict(
            Recommendation.objects.filter(import_key__in=[i.key for i in new]).values_list(
                "import_key", "pk"
            )
        )
        for recommendation in created:
            recommendation.pk = ids[recommendation.import_key]
    report.created_ids = [r.pk for r in created]
    links = Recommendation.themes.through
    links.objects.bulk_create(
        (
            links(recommendation_id=recommendation.pk, recommendationtheme_id=themes[name])
            for recommendation, item in zip(created, new, strict=True)
            for name in sorted(item.themes)
        ),
        batch_size=2000,
    )
    sources = Recommendation.sources.through
    sources.objects.bulk_create(
        (sources(recommendation_id=r.pk, source_id=source.pk) for r in created),
        batch_size=2000,
    )
