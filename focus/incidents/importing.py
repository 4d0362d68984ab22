"""Importing cases from a CSV file, one step at a time: the file is read and checked
(`read`), its columns are mapped to the fields of a case (`Mapping.columns`), the values
found in the mapped columns to the vocabularies (`Mapping.values`, with guesses the
analyst confirms), the rows are turned into a plan (`plan`) whose problems and totals
the analyst previews, and the plan is written in one transaction (`write`).

Nothing is imported silently wrong: a value the vocabularies do not know, an ambiguous
date or a row that cannot be read stops the import until the analyst decides.

A published dataset of killings, one victim per row (date, name, gender, age,
characteristics, sector, perpetrator type, country, region, number of victims…), maps
column by column; rows sharing an incident key become one incident.
"""

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from focus.core.dates import DatePrecision
from focus.geo.models import Jurisdiction

from .models import Act, CaseImport, Incident, IncidentSource, Perpetrator, Victim
from .vocabulary import (
    ActKind,
    AgeBand,
    Confidentiality,
    Gender,
    PerpetratorKind,
    Profile,
    VictimKind,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ENCODINGS = {
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows-1252 (Excel on Windows)",
    "mac_roman": "Mac Roman (older Excel on a Mac)",
    "latin-1": "ISO-8859-1 (Latin-1)",
}
DELIMITERS = ",;\t|"
# What spreadsheets and data tools write for "no value".
BLANKS = {"", "nan", "na", "n/a", "null", "none", "-", "--", "—", "?", "#n/a"}


def max_bytes() -> int:
    return settings.CASE_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.CASE_IMPORT_MAX_ROWS


class FileProblem(Exception):
    """The file cannot be read as a table of cases; the message says why."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # without the header; line numbers are index + 2

    def column(self, name: str) -> list[str]:
        at = self.header.index(name)
        return [row[at].strip() for row in self.rows]


def decode(raw: bytes, encoding: str = "") -> str:
    """The file's text. Without an encoding only UTF-8 is tried: a wrong guess among the
    8-bit encodings would turn names into other names without a word."""
    if b"\x00" in raw[:4096]:
        raise FileProblem(gettext("This is not a text file (CSV)."))
    try:
        return raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        if encoding:
            raise FileProblem(
                gettext("The file cannot be read as %(encoding)s (byte %(at)s).")
                % {"encoding": ENCODINGS.get(encoding, encoding), "at": error.start}
            ) from error
        raise FileProblem(
            gettext(
                "The file is not in UTF-8. Say which encoding it is in (a spreadsheet "
                "saved as CSV on Windows is usually Windows-1252)."
            )
        ) from error


def read(text: str) -> Table:
    """The table in a CSV text, checked: a header, at least one row, every row as wide
    as the header, no two columns of the same name."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise FileProblem(
            gettext("The file is not valid CSV: %(error)s.") % {"error": error}
        ) from error
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if len(lines) < 2:
        raise FileProblem(gettext("The file needs a header row and at least one row of data."))
    header = [name.strip() for name in lines[0]]
    header = [name or gettext("column %(n)s") % {"n": i + 1} for i, name in enumerate(header)]
    repeated = [name for name, n in Counter(header).items() if n > 1]
    if repeated:
        raise FileProblem(
            gettext("Two columns have the same name: %(names)s. Rename them and upload again.")
            % {"names": ", ".join(repeated)}
        )
    rows = lines[1:]
    if len(rows) > max_rows():
        raise FileProblem(
            gettext("The file has %(rows)s rows, more than the %(max)s an import can take.")
            % {"rows": len(rows), "max": max_rows()}
        )
    ragged = [i + 2 for i, row in enumerate(rows) if len(row) != len(header)]
    if ragged:
        raise FileProblem(
            ngettext(
                "The row at line %(lines)s does not have as many cells as the header "
                "(%(columns)s). Check the file's separator and quotes.",
                "%(count)s rows do not have as many cells as the header (%(columns)s), the "
                "first at lines %(lines)s. Check the file's separator and quotes.",
                len(ragged),
            )
            % {
                "count": len(ragged),
                "columns": len(header),
                "lines": ", ".join(map(str, ragged[:5])),
            }
        )
    return Table(header, rows)


# --- The fields a column can fill --------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    label: "StrOrPromise"
    kind: str  # "text" (sealed), "plain", "date", "count", "choice"
    choices: type[models.TextChoices] | None = None
    # A column may feed several text fields' worth of facts into one (the narrative).
    many: bool = False


YES_NO = {"yes": _("yes"), "no": _("no"), "unknown": _("not known")}

TARGETS = [
    Target("incident_key", _("incident key (rows with the same key are one incident)"), "plain"),
    Target("date", _("date"), "date"),
    Target("country", _("country"), "choice"),
    Target("subdivision", _("first-level subdivision"), "choice"),
    Target("place", _("place described"), "text", many=True),
    Target("narrative", _("narrative"), "text", many=True),
    Target("name", _("victim's name"), "text"),
    Target("contact", _("victim's contact"), "text"),
    Target("victim_kind", _("individual or collective"), "choice", VictimKind),
    Target("victims", _("number of victims in the row"), "count"),
    Target("profile", _("defender profile"), "choice", Profile),
    Target("gender", _("gender"), "choice", Gender),
    Target("age", _("age or age band"), "choice", AgeBand),
    Target("protected", _("beneficiary of a protection mechanism"), "choice"),
    Target("act", _("act"), "choice", ActKind),
    Target("perpetrator", _("kind of perpetrator"), "choice", PerpetratorKind),
    Target("perpetrator_note", _("perpetrator (note)"), "text"),
    Target("source", _("source of the row"), "text", many=True),
]
TARGET = {target.name: target for target in TARGETS}
# Fields with a value for every row when no column (or a blank cell) gives one.
DEFAULTS = {
    "victim_kind": VictimKind.INDIVIDUAL,
    "profile": Profile.UNKNOWN,
    "gender": Gender.UNKNOWN,
    "age": AgeBand.UNKNOWN,
    "protected": "unknown",
    "act": "",
    "perpetrator": PerpetratorKind.UNKNOWN,
    "country": "",
}


def normal(text: str) -> str:
    """For comparing words: no accents, case, punctuation or repeated spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def is_blank(value: str) -> bool:
    return value.strip().casefold() in BLANKS


# Words of published datasets and of three languages, beyond the vocabularies' own
# codes and labels. Only sure matches: what is not here, the analyst maps.
# fmt: off
SYNONYMS: dict[str, dict[str, str]] = {
    "gender": {
        "male": "man", "m": "man", "men": "man", "hombre": "man", "masculino": "man",
        "homme": "man", "masculin": "man", "female": "woman", "f": "woman",
        "women": "woman", "mujer": "woman", "femenino": "woman", "femme": "woman",
        "feminin": "woman", "non binary": "other", "nonbinary": "other",
        "unknown": "unknown", "unspecified": "unknown", "desconocido": "unknown",
        "inconnu": "unknown", "not known": "unknown",
    },
    "act": {
        "killed": "killing", "killing": "killing", "murder": "killing",
        "murdered": "killing", "homicide": "killing", "lethal attack": "killing",
        "asesinato": "killing", "homicidio": "killing", "meurtre": "killing",
        "assassinat": "killing", "threats": "threat", "amenaza": "threat",
        "amenazas": "threat", "menace": "threat", "menaces": "threat",
        "disappearance": "enforced_disappearance", "desaparicion": "enforced_disappearance",
        "detention": "arbitrary_detention", "arrest": "arbitrary_detention",
        "criminalisation": "judicial_harassment", "criminalization": "judicial_harassment",
        "criminalizacion": "judicial_harassment",
    },
    "perpetrator": {
        "armed forces": "military", "army": "military", "military": "military",
        "soldiers": "military", "fuerzas armadas": "military", "ejercito": "military",
        "police": "police", "policia": "police", "police forces": "police",
        "paramilitaries": "paramilitary", "paramilitares": "paramilitary",
        "criminal gangs": "organised_crime", "organized crime": "organised_crime",
        "crimen organizado": "organised_crime", "private security": "private_security",
        "security guards": "private_security", "company": "business",
        "companies": "business", "government officials": "public_official",
        "unspecified": "unknown", "unknown": "unknown", "desconocido": "unknown",
        "inconnu": "unknown",
    },
    "profile": {
        "indigenous": "indigenous_peoples", "indigenous peoples": "indigenous_peoples",
        "indigena": "indigenous_peoples", "autochtone": "indigenous_peoples",
        "journalist": "journalist", "journalists": "journalist", "periodista": "journalist",
        "lawyer": "lawyer", "lawyers": "lawyer", "abogado": "lawyer", "avocat": "lawyer",
        "trade unionist": "trade_union", "trade union": "trade_union",
        "sindicalista": "trade_union", "community leader": "community_leader",
        "lider comunitario": "community_leader", "environmental": "land_environment",
        "land and environmental defender": "land_environment",
        "unknown": "unknown", "unspecified": "unknown",
    },
    "victim_kind": {
        "person": "individual", "individuo": "individual", "individu": "individual",
        "group": "collective", "community": "collective", "organisation": "collective",
        "organization": "collective", "colectivo": "collective", "collectif": "collective",
    },
    "protected": {
        "yes": "yes", "y": "yes", "true": "yes", "1": "yes", "si": "yes", "oui": "yes",
        "no": "no", "n": "no", "false": "no", "0": "no", "non": "no",
        "unknown": "unknown", "not known": "unknown",
    },
}
# fmt: on


def choices_of(name: str) -> list[tuple[str, str]]:
    if name == "protected":
        return [(value, str(label)) for value, label in YES_NO.items()]
    if name == "country":
        return [(c.code, str(c.name)) for c in Jurisdiction.objects.countries().order_by("name")]
    vocabulary = TARGET[name].choices
    if vocabulary is None:
        raise ValueError(f"'{name}' has no vocabulary")
    return [(str(value), str(label)) for value, label in vocabulary.choices]


def _words_of(name: str) -> dict[str, str]:
    """Every word that surely means a value of this vocabulary: codes, labels in each
    language, synonyms."""
    words = dict(SYNONYMS.get(name, {}))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in choices_of(name):
                words[normal(label)] = value
    for value, _label in choices_of(name):
        words[normal(value)] = value
    return words


def age_band(years: int) -> str:
    if years < 18:
        return AgeBand.UNDER_18
    if years < 30:
        return AgeBand.FROM_18
    if years < 45:
        return AgeBand.FROM_30
    if years < 60:
        return AgeBand.FROM_45
    return AgeBand.FROM_60


# More different values than this in a column mapped to a vocabulary: not its column.
MAX_VALUES = 300
MAX_SUBDIVISIONS = 1000


def age_of(value: str) -> int | None:
    """An age in years, if the cell is one."""
    return _number(value)


def _number(value: str) -> int | None:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    if number != int(number) or not 0 <= number <= 130:
        return None
    return int(number)


class Countries:
    """The observatory's countries by every name and code a file may use for them, and
    their first-level subdivisions by name and code."""

    def __init__(self) -> None:
        self.by_word: dict[str, Jurisdiction] = {}
        self.by_code: dict[str, Jurisdiction] = {}
        for country in Jurisdiction.objects.countries():
            self.by_code[country.code] = country
            names = [country.name_en, country.name_es, country.name_fr, country.official_name]
            codes = [country.code, country.iso_alpha2, country.iso_numeric]
            for word in [*names, *codes]:
                if word:
                    self.by_word.setdefault(normal(word), country)
            if country.iso_numeric:
                self.by_word.setdefault(str(int(country.iso_numeric)), country)
        self._subdivisions: dict[str, dict[str, Jurisdiction]] = {}

    def guess(self, value: str) -> str:
        found = self.by_word.get(normal(value))
        return found.code if found else ""

    def subdivisions(self, country_code: str) -> dict[str, Jurisdiction]:
        if country_code not in self._subdivisions:
            words: dict[str, Jurisdiction] = {}
            for unit in Jurisdiction.objects.subdivisions().filter(parent__code=country_code):
                for word in (
                    unit.name_en,
                    unit.name_es,
                    unit.name_fr,
                    unit.official_name,
                    unit.code,
                ):
                    if word:
                        words.setdefault(normal(word), unit)
                words.setdefault(normal(unit.code.split("-", 1)[-1]), unit)
            self._subdivisions[country_code] = words
        return self._subdivisions[country_code]

    def guess_subdivision(self, country_code: str, value: str) -> str:
        found = self.subdivisions(country_code).get(normal(value))
        return found.code if found else ""


def guess(name: str, value: str, words: dict[str, str]) -> str:
    """The vocabulary value a cell surely means, or "" for the analyst to decide."""
    if name == "age":
        years = _number(value)
        if years is not None:
            return age_band(years)
    return words.get(normal(value), "")


# --- Dates -------------------------------------------------------------------------

DATE_FORMATS = {
    "ymd": _("year first (2016-02-18, 2016-02, 2016)"),
    "dmy": _("day first (18/02/2016, 02/2016, 2016)"),
    "mdy": _("month first (02/18/2016, 02/2016, 2016)"),
}
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_date(value: str, form: str) -> tuple[date, str] | None:
    """A date and its precision, or None if the cell does not read as a date in this form."""
    value = _TIME.sub("", value.strip())
    parts = re.split(r"[-/.]", value)
    if not all(part.isdigit() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 1, 1), DatePrecision.YEAR
        if len(parts) == 2:
            year, month = (numbers[0], numbers[1]) if len(parts[0]) == 4 else numbers[::-1]
            if len(str(year)) != 4:
                return None
            return date(year, month, 1), DatePrecision.MONTH
        if len(parts) == 3:
            if form == "ymd" and len(parts[0]) == 4:
                year, month, day = numbers
            elif form == "dmy" and len(parts[2]) == 4:
                day, month, year = numbers
            elif form == "mdy" and len(parts[2]) == 4:
                month, day, year = numbers
            else:
                return None
            return date(year, month, day), DatePrecision.DAY
    except ValueError:
        return None
    return None


def suggest_date_form(table: Table, mapping: "Mapping") -> str:
    """The one form the date column reads in, if only one."""
    column = mapping.column_of("date")
    fits = date_forms(table.column(column)) if column else []
    return fits[0] if len(fits) == 1 else ""


def date_forms(values: Iterable[str]) -> list[str]:
    """The forms in which every non-blank value reads as a date."""
    values = [v for v in values if not is_blank(v)]
    return [form for form in DATE_FORMATS if all(parse_date(v, form) for v in values)]


# --- The mapping -------------------------------------------------------------------


@dataclass
class Mapping:
    """What the analyst decided: which column fills which field, the value of each field
    for rows that do not give one, how dates are written, what each value found in a
    mapped column means, and the import's own facts (its source, confidentiality)."""

    columns: dict[str, str] = field(default_factory=dict)  # column → target
    defaults: dict[str, str] = field(default_factory=lambda: dict(DEFAULTS))
    date_form: str = ""
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # target → {value → code}
    source: str = ""
    source_public: bool = False
    confidentiality: str = Confidentiality.RESTRICTED
    leave_out_problems: bool = False

    def dumps(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> "Mapping":
        return cls(**json.loads(text)) if text else cls()

    def columns_of(self, target: str) -> list[str]:
        return [column for column, name in self.columns.items() if name == target]

    def column_of(self, target: str) -> str | None:
        found = self.columns_of(target)
        return found[0] if found else None


def suggest_columns(header: list[str]) -> dict[str, str]:
    """A first mapping of columns by their names (the analyst confirms or changes it)."""
    # fmt: off
    names = {
        "incident_key": ["incident id", "incident", "case id", "event id"],
        "date": ["date", "fecha", "date of incident", "date of death", "event date"],
        "country": ["country", "pais", "pays", "country name", "iso3", "country code"],
        "subdivision": ["region", "local region", "state", "province", "department",
                        "departamento", "estado", "provincia", "admin1", "subdivision"],
        "place": ["place", "location", "municipality", "city", "lugar", "lieu", "municipio"],
        "narrative": ["description", "narrative", "summary", "details", "notes", "descripcion"],
        "name": ["name", "nombre", "nom", "victim", "victim name", "full name"],
        "gender": ["gender", "sex", "genero", "sexo", "genre", "sexe"],
        "age": ["age", "edad", "age band", "age group"],
        "profile": ["profile", "sector", "defender profile", "perfil", "area of work"],
        "act": ["act", "violation", "type of attack", "attack", "tipo de agresion", "agresion"],
        "perpetrator": ["perpetrator", "perpetrator type", "alleged perpetrator",
                        "presunto responsable", "responsable", "auteur"],
        "victims": ["number of victims", "victims", "count"],
        "source": ["source", "sources", "fuente", "link", "url"],
    }
    # fmt: on
    lookup = {word: target for target, words in names.items() for word in words}
    suggested: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        target = lookup.get(normal(column))
        if target and (target not in taken or TARGET[target].many):
            suggested[column] = target
            taken.add(target)
    return suggested


@dataclass
class ValueQuestion:
    """One value found in a mapped column, how often, and what it is guessed to mean."""

    target: str
    value: str
    rows: int
    guess: str
    key: str  # for subdivisions: "<country code>|<value>"
    country: str = ""


def value_questions(table: Table, mapping: Mapping, countries: Countries) -> list[ValueQuestion]:
    """Every distinct value of the mapped choice columns, with its guess. Numbers in the
    age column are banded, not asked; blank cells take the field's default."""
    questions = []
    for target in TARGETS:
        if target.kind != "choice" or target.name == "subdivision":
            continue
        column = mapping.column_of(target.name)
        if column is None:
            continue
        found = Counter(v for v in table.column(column) if not is_blank(v))
        words = _words_of(target.name) if target.name != "country" else {}
        for value, rows in sorted(found.items(), key=lambda item: (-item[1], item[0])):
            if target.name == "age" and _number(value) is not None:
                continue
            sure = (
                countries.guess(value)
                if target.name == "country"
                else guess(target.name, value, words)
            )
            questions.append(ValueQuestion(target.name, value, rows, sure, value))
    column = mapping.column_of("subdivision")
    if column is not None:
        by_country: Counter[tuple[str, str]] = Counter()
        for row_country, value in zip(
            _row_countries(table, mapping, countries), table.column(column), strict=True
        ):
            if row_country and not is_blank(value):
                by_country[(row_country, value)] += 1
        for (code, value), rows in sorted(
            by_country.items(), key=lambda item: (item[0][0], -item[1])
        ):
            sure = countries.guess_subdivision(code, value)
            questions.append(
                ValueQuestion("subdivision", value, rows, sure, f"{code}|{value}", code)
            )
    return questions


def _row_countries(table: Table, mapping: Mapping, countries: Countries) -> list[str]:
    column = mapping.column_of("country")
    if column is None:
        return [mapping.defaults.get("country", "")] * len(table.rows)
    chosen = mapping.values.get("country", {})
    return [
        mapping.defaults.get("country", "")
        if is_blank(value)
        else chosen.get(value) or countries.guess(value)
        for value in table.column(column)
    ]


# --- The plan ----------------------------------------------------------------------


@dataclass
class PlannedVictim:
    line: int
    kind: str
    name: str
    contact: str
    profile: str
    gender: str
    age_band: str
    protected: bool | None
    act: str
    perpetrator: str
    perpetrator_note: str
    source: str


@dataclass
class PlannedIncident:
    line: int
    date: date | None
    precision: str
    country: str
    subdivision: str
    place: str
    narrative: str
    victims: list[PlannedVictim] = field(default_factory=list)


@dataclass
class Problem:
    line: int
    message: str


@dataclass
class Plan:
    incidents: list[PlannedIncident]
    problems: list[Problem]
    rows: int

    @property
    def victims(self) -> int:
        return sum(len(incident.victims) for incident in self.incidents)

    @property
    def lines_with_problems(self) -> int:
        return len({problem.line for problem in self.problems})

    def totals(self, by: str) -> list[tuple[str, int]]:
        """Acts (one per victim) by year, country or act: what the public trends will add."""
        counted: Counter = Counter()
        for incident in self.incidents:
            for victim in incident.victims:
                if by == "year":
                    key = str(incident.date.year) if incident.date else gettext("not known")
                elif by == "country":
                    key = incident.country
                else:
                    key = victim.act
                counted[key] += 1
        return sorted(counted.items())


def unanswered(questions: list[ValueQuestion], mapping: Mapping) -> list[ValueQuestion]:
    """The values the analyst has not yet said the meaning of (subdivisions may stay
    unmatched: their words are kept in the place described)."""
    return [
        q
        for q in questions
        if q.target != "subdivision" and not mapping.values.get(q.target, {}).get(q.key)
    ]


def plan(
    table: Table,
    mapping: Mapping,
    countries: Countries,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """The incidents the rows make under the mapping, and every row's problems."""
    at = {target: table.header.index(c) for c, target in mapping.columns.items() if target}
    texts = {
        target.name: [table.header.index(c) for c in mapping.columns_of(target.name)]
        for target in TARGETS
        if target.kind == "text"
    }
    incidents: list[PlannedIncident] = []
    keyed: dict[str, PlannedIncident] = {}
    problems: list[Problem] = []

    for index, row in enumerate(table.rows):
        line = index + 2
        if progress and index % 500 == 0:
            progress(index)

        def cell(target: str, row=row) -> str:
            return row[at[target]].strip() if target in at else ""

        def text(target: str, row=row) -> str:
            columns = texts[target]
            if len(columns) == 1:
                value = row[columns[0]].strip()
                return "" if is_blank(value) else value
            return "\n".join(
                f"{table.header[i]}: {row[i].strip()}" for i in columns if not is_blank(row[i])
            )

        def choice(target: str, line=line, cell=cell) -> str:
            value = cell(target)
            if is_blank(value):
                return mapping.defaults.get(target, "")
            if target == "age" and (years := _number(value)) is not None:
                return age_band(years)
            chosen = mapping.values.get(target, {}).get(value)
            if chosen is None:
                chosen = countries.guess(value) if target == "country" else ""
            if not chosen:
                problems.append(
                    Problem(line, gettext("“%(value)s” is not mapped.") % {"value": value})
                )
            return chosen

        found_problems = len(problems)
        when: date | None = None
        precision: str = DatePrecision.UNKNOWN
        raw_date = cell("date")
        if not is_blank(raw_date):
            parsed = parse_date(raw_date, mapping.date_form)
            if parsed is None:
                problems.append(
                    Problem(line, gettext("“%(value)s” is not a date.") % {"value": raw_date})
                )
            else:
                when, precision = parsed
        country = choice("country")
        if not country:
            problems.append(Problem(line, gettext("The row has no country.")))
        subdivision, place = "", text("place")
        raw_unit = cell("subdivision")
        if country and not is_blank(raw_unit):
            subdivision = mapping.values.get("subdivision", {}).get(f"{country}|{raw_unit}", "")
            if not subdivision:
                subdivision = countries.guess_subdivision(country, raw_unit)
            if not subdivision:
                # Not a first-level unit of this country (a town, a district): its words
                # are kept, sealed, with the place described.
                place = "\n".join(p for p in (raw_unit, place) if p)
        count = 1
        raw_count = cell("victims")
        if not is_blank(raw_count):
            number = _number(raw_count)
            if number is None or number < 1:
                problems.append(
                    Problem(
                        line,
                        gettext("“%(value)s” is not a number of victims.") % {"value": raw_count},
                    )
                )
            else:
                count = number
        act = choice("act")
        if not act:
            problems.append(Problem(line, gettext("The row has no act.")))
        protected = {"yes": True, "no": False}.get(choice("protected"))
        victim = PlannedVictim(
            line=line,
            kind=choice("victim_kind") or VictimKind.INDIVIDUAL,
            name=text("name"),
            contact=text("contact"),
            profile=choice("profile") or Profile.UNKNOWN,
            gender=choice("gender") or Gender.UNKNOWN,
            age_band=choice("age") or AgeBand.UNKNOWN,
            protected=protected,
            act=act,
            perpetrator=choice("perpetrator") or PerpetratorKind.UNKNOWN,
            perpetrator_note=text("perpetrator_note"),
            source=text("source"),
        )
        if len(problems) > found_problems:
            continue
        key = cell("incident_key")
        incident = keyed.get(key) if key and not is_blank(key) else None
        if incident is not None and (incident.date, incident.country) != (when, country):
            problems.append(
                Problem(
                    line,
                    gettext(
                        "The row has the incident key of line %(line)s but another date or country."
                    )
                    % {"line": incident.line},
                )
            )
            continue
        if incident is None:
            incident = PlannedIncident(
                line, when, precision, country, subdivision, place, text("narrative")
            )
            incidents.append(incident)
            if key and not is_blank(key):
                keyed[key] = incident
        incident.victims += [victim] * count
    return Plan(incidents, problems, len(table.rows))


# --- Writing -----------------------------------------------------------------------


def write(case_import: CaseImport, user=None) -> dict:
    """Write the import's plan: every incident, victim, perpetrator, act and source in
    one transaction, so that a failure writes nothing. Returns the report (counts only)."""
    mapping = Mapping.loads(case_import.mapping)
    table = read(case_import.content)
    countries = Countries()

    def progress(rows: int) -> None:
        CaseImport.objects.filter(pk=case_import.pk).update(progress=rows)

    prepared = plan(table, mapping, countries, progress)
    if prepared.problems and not mapping.leave_out_problems:
        raise FileProblem(gettext("The rows have problems the analyst has not settled."))
    progress(len(table.rows))
    places = {j.code: j.pk for j in Jurisdiction.objects.filter(code__in=_codes(prepared))}
    written: Counter = Counter()
    with transaction.atomic():
        # In slices, so that memory holds one slice of records at a time.
        for first in range(0, len(prepared.incidents), WRITE_SLICE):
            _write_slice(
                prepared.incidents[first : first + WRITE_SLICE],
                mapping,
                places,
                case_import,
                user,
                written,
            )
        report = {
            "rows": prepared.rows,
            "rows_left_out": prepared.lines_with_problems,
            "incidents": written["incidents"],
            "victims": written["victims"],
            "acts": written["acts"],
        }
        CaseImport.objects.filter(pk=case_import.pk).update(
            status=CaseImport.Status.DONE,
            report=report,
            finished=timezone.now(),
            # The file is not kept once its cases are written.
            content="",
        )
    return report


WRITE_SLICE = 1000


def _write_slice(
    planned_incidents: list[PlannedIncident],
    mapping: Mapping,
    places: dict[str, int],
    case_import: CaseImport,
    user,
    written: Counter,
) -> None:
    reason = f"import {str(case_import.uuid)[:8]}"
    incidents = [
        Incident(
            date=planned.date,
            date_precision=planned.precision,
            country_id=places[planned.country],
            subdivision_id=places.get(planned.subdivision),
            place=planned.place,
            narrative=planned.narrative,
            confidentiality=mapping.confidentiality,
            case_import=case_import,
            created_by=user,
        )
        for planned in planned_incidents
    ]
    _bulk(incidents, Incident, reason, user)
    victims, perpetrators, acts, sources = [], [], [], []
    for incident, planned in zip(incidents, planned_incidents, strict=True):
        sources.append(
            IncidentSource(
                incident=incident, reference=mapping.source, public=mapping.source_public
            )
        )
        for person in planned.victims:
            victim = Victim(
                incident=incident,
                kind=person.kind,
                name=person.name,
                contact=person.contact,
                profile=person.profile,
                gender=person.gender,
                age_band=person.age_band,
                protected=person.protected,
            )
            perpetrator = Perpetrator(
                incident=incident, kind=person.perpetrator, note=person.perpetrator_note
            )
            victims.append(victim)
            perpetrators.append(perpetrator)
            acts.append(
                Act(incident=incident, kind=person.act, victim=victim, perpetrator=perpetrator)
            )
            if person.source:
                sources.append(
                    IncidentSource(incident=incident, reference=person.source, public=False)
                )
    _bulk(victims, Victim, reason, user)
    _bulk(perpetrators, Perpetrator, reason, user)
    _bulk(acts, Act, reason, user)
    _bulk(sources, IncidentSource, reason, user)
    written.update(incidents=len(incidents), victims=len(victims), acts=len(acts))


def _codes(prepared: Plan) -> set[str]:
    return {i.country for i in prepared.incidents} | {
        i.subdivision for i in prepared.incidents if i.subdivision
    }


def _bulk(objects: list, model, reason: str, user) -> None:
    bulk_create_with_history(
        objects,
        model,
        batch_size=500,
        default_user=user,
        default_change_reason=reason,
    )
