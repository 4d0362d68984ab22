"""The importer of UPR Info's export of UPR recommendations (import_upr_info).

The real files are third-party data: they are read from the shared folder by path and
never copied into the repository; the tests on them are skipped when it is absent.
The other tests build small synthetic files in UPR Info's format (Mac Roman, bare CR).
"""

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from focus.core.seeding import load_file
from focus.geo import seeding as geo_seeding
from focus.geo.tests.factories import CountryFactory
from focus.policies.models import Source
from focus.standards import upr
from focus.standards.models import DEFENDERS_THEME, Recommendation, RecommendationTheme
from focus.standards.vocabulary import Body, Implementation, Response

UPR_INFO = Path(__file__).resolve().parents[4] / "shared" / "data" / "upr_info"
REAL_FILES = sorted(UPR_INFO.glob("*.csv")) if UPR_INFO.is_dir() else []
needs_real_files = pytest.mark.skipif(
    len(REAL_FILES) != 5,
    reason=f"UPR Info's export (third-party, never committed) is not in {UPR_INFO}",
)

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
HRD = DEFENDERS_THEME


# --- helpers -------------------------------------------------------------------------


def row(
    text: str,
    *,
    to: str = "Costa Rica",
    by: str = "United Kingdom",
    response: str = "Accepted",
    action: str = "5",
    issue: str = HRD,
    session: str = "19",
) -> list[str]:
    return [to, "GRULAC", "OAS", text, by, "WEOG", "EU", response, action, issue, session]


def lines(*rows: list[str]) -> list[str]:
    """The CSV lines of the header and the rows, quoted as UPR Info's export is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r")
    for r in rows:
        writer.writerow(r)
    return [HEADER, *out.getvalue().split("\r")[:-1]]


def write(folder: Path, name: str, content: list[str] | str, encoding: str = "mac_roman") -> Path:
    """A file in UPR Info's format: Mac Roman, lines ended by a bare CR."""
    text = content if isinstance(content, str) else "\r".join(content)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_upr_info", *map(str, args), stdout=out, **options)
    return out.getvalue()


def table(output: str) -> dict[str, list[int]]:
    """The report's table: session (or 'total') -> rows, duplicates, distinct,
    on defenders, imported, already there."""
    found = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) == 7 and (cells[0].isdigit() or cells[0] == "total"):
            found[cells[0]] = [int(c.replace(",", "")) for c in cells[1:]]
    return found


def nothing_written() -> bool:
    return not (
        Recommendation.objects.exists()
        or RecommendationTheme.objects.exists()
        or Source.objects.filter(url=upr.SOURCE_URL).exists()
    )


@pytest.fixture
def states(db):
    """The few countries the synthetic files name, by their English names (one of them
    under a name UPR Info spells its own way, resolved through STATE_CODES)."""
    return {
        "Costa Rica": CountryFactory(code="CRI", iso_alpha2="CR", name_en="Costa Rica"),
        "United Kingdom": CountryFactory(code="GBR", iso_alpha2="GB", name_en="United Kingdom"),
        "France": CountryFactory(code="FRA", iso_alpha2="FR", name_en="France"),
        "Cote d'Ivoire": CountryFactory(code="CIV", iso_alpha2="CI", name_en="Côte d'Ivoire"),
    }


@pytest.fixture
def valid(tmp_path, states) -> Path:
    """A good file, given first to show that a bad one after it writes nothing."""
    return write(
        tmp_path,
        "a_valid.csv",
        lines(row("Protect human rights defenders"), row("Another one", by="France")),
    )


# --- the real files ------------------------------------------------------------------


def expected_from_files() -> dict:
    """Counted here independently of the importer, with the csv module alone."""
    rows = Counter()
    per_file = {}
    seen = set()
    duplicates = 0
    defenders = defaultdict(set)
    for path in REAL_FILES:
        per_file[path.name] = 0
        with path.open(encoding="mac_roman", newline="") as handle:
            reader = csv.DictReader(handle)
            for r in reader:
                per_file[path.name] += 1
                session = int(r["Session"])
                rows[session] += 1
                key = (r["To"].strip(), r["From"].strip(), " ".join(r["Text"].split()), session)
                duplicates += key in seen
                seen.add(key)
                if HRD in r["Issue"]:
                    defenders[session].add(key)
    return {
        "rows": rows,
        "files": per_file,
        "duplicates": duplicates,
        "defenders": {s: len(keys) for s, keys in defenders.items()},
        "keys": {k for keys in defenders.values() for k in keys},
    }


@pytest.fixture(scope="class")
def imported(django_db_setup, django_db_blocker):
    """The geo seed (without subdivisions) and the five files, imported once for the
    class below and rolled back after it: the other tests start from an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        for name, parse, model, key in geo_seeding.FILES:
            if name != "subdivisions.csv":
                load_file(geo_seeding.SEED / name, parse, model, key)
        output = run(UPR_INFO)
        yield output, expected_from_files()
        transaction.set_rollback(True)


@needs_real_files
@pytest.mark.django_db
class TestTheRealFiles:
    """UPR Info's five files, against counts made here with the csv module alone."""

    def test_exactly_the_recommendations_on_defenders_are_imported(self, imported):
        _, expected = imported
        assert sum(expected["defenders"].values()) == 621
        assert Recommendation.objects.count() == 621
        assert Recommendation.objects.on_defenders().count() == 621
        in_database = Counter(Recommendation.objects.values_list("session", flat=True))
        assert dict(in_database) == expected["defenders"]
        assert set(expected["defenders"]) == set(range(1, 21))

    def test_each_recommendation_is_the_files_own(self, imported):
        _, expected = imported
        stored = set(Recommendation.objects.values_list("recommended_by", "text", "session"))
        assert stored == {(by, text, session) for _, by, text, session in expected["keys"]}
        assert not Recommendation.objects.exclude(body=Body.UPR).exists()
        assert not Recommendation.objects.filter(jurisdiction__isnull=True).exists()
        named = Recommendation.objects.exclude(recommended_by__in=["", upr.UNKNOWN_STATE])
        assert not named.filter(recommending_state__isnull=True).exists()
        assert Recommendation.objects.filter(sources__url=upr.SOURCE_URL).count() == 621
        assert set(Recommendation.objects.values_list("response", flat=True)) <= {
            Response.ACCEPTED,
            Response.NOTED,
            "",
        }
        assert set(
            Recommendation.objects.filter(session__lte=12).values_list("cycle", flat=True)
        ) == {1}
        assert set(
            Recommendation.objects.filter(session__gte=13).values_list("cycle", flat=True)
        ) == {2}

    def test_the_report_counts_every_row_of_every_session(self, imported):
        output, expected = imported
        report = table(output)
        assert {int(s): cells[0] for s, cells in report.items() if s != "total"} == dict(
            expected["rows"]
        )
        assert sum(expected["rows"].values()) == 41_066
        rows, duplicates, distinct, on_defenders, created, present = report["total"]
        assert (rows, duplicates, distinct) == (41_066, expected["duplicates"], 41_066 - 4)
        assert expected["duplicates"] == 4
        assert (on_defenders, created, present) == (621, 621, 0)
        for session, count in expected["defenders"].items():
            assert report[str(session)][3:5] == [count, count]
        for name, count in expected["files"].items():
            assert f"{name}: {count:,} rows" in output
        assert "621 on defenders: 621 imported, 0 already there." in output

    def test_mac_roman_text_is_read_as_unicode(self, imported):
        # Sessions 17-20, Costa Rica: "Defensoría" is byte 0x92 in the file.
        assert (
            b"Defensor\x92a del los Habitantes"
            in (UPR_INFO / "upr_info_sessions_17-20.csv").read_bytes()
        )
        recommendation = Recommendation.objects.get(text__contains="Defensoría del los Habitantes")
        assert recommendation.jurisdiction.code == "CRI"
        assert recommendation.recommending_state.code == "GBR"
        assert (recommendation.session, recommendation.cycle) == (19, 2)
        assert recommendation.response == Response.ACCEPTED
        assert recommendation.action_category == 5
        assert set(recommendation.themes.values_list("name", flat=True)) == {HRD, "NHRI"}

    def test_importing_again_adds_nothing_and_keeps_what_editors_did(self, imported):
        recommendation = Recommendation.objects.order_by("pk").first()
        recommendation.implementation = Implementation.PARTIALLY
        recommendation.implementation_note = "A law was passed."
        recommendation.save()
        counts = (Recommendation.objects.count(), RecommendationTheme.objects.count())

        output = run(UPR_INFO)

        assert (Recommendation.objects.count(), RecommendationTheme.objects.count()) == counts
        assert "621 on defenders: 0 imported, 621 already there." in output
        assert table(output)["total"][4:] == [0, 621]
        recommendation.refresh_from_db()
        assert recommendation.implementation == Implementation.PARTIALLY
        assert recommendation.implementation_note == "A law was passed."


# --- synthetic files -----------------------------------------------------------------


def test_mac_roman_accents_are_stored_as_unicode(tmp_path, states):
    text = "Protéger les défenseurs \u2013 \u201csans délai\u201d"
    path = write(tmp_path, "s.csv", lines(row(text, to="Cote d'Ivoire", by="France")))
    assert b"Prot\x8eger" in path.read_bytes()
    assert b"\n" not in path.read_bytes()

    run(path)

    recommendation = Recommendation.objects.get()
    assert recommendation.text == text
    assert recommendation.jurisdiction == states["Cote d'Ivoire"]
    assert recommendation.recommending_state == states["France"]


def test_an_unknown_recommending_state_is_kept_by_name_only(tmp_path, states):
    path = write(tmp_path, "s.csv", lines(row("Protect them", by="&#40;Unknown&#41;")))

    run(path)

    recommendation = Recommendation.objects.get()
    assert recommendation.recommended_by == "(Unknown)"
    assert recommendation.recommending_state is None
    assert recommendation.recommending_name == "(Unknown)"


def test_a_repeated_recommendation_is_imported_once_with_all_its_themes(tmp_path, states):
    path = write(
        tmp_path,
        "s.csv",
        lines(
            row("Protect  human rights defenders", issue=f"{HRD},Women's rights"),
            row("Protect human rights defenders ", issue="Freedom of expression"),
        ),
    )

    output = run(path)

    recommendation = Recommendation.objects.get()
    assert recommendation.text == "Protect human rights defenders"
    assert set(recommendation.themes.values_list("name", flat=True)) == {
        HRD,
        "Women's rights",
        "Freedom of expression",
    }
    assert table(output)["19"] == [2, 1, 1, 1, 1, 0]
    assert "s.csv: 2 rows" in output


def test_a_repeat_with_another_response_is_refused(tmp_path, states):
    path = write(
        tmp_path,
        "s.csv",
        lines(row("Protect them"), row("Protect them", response="Noted")),
    )
    with pytest.raises(CommandError, match=r"s\.csv, line 3: repeats .*s\.csv, line 2"):
        run(path)
    assert nothing_written()


def test_importing_again_creates_nothing_and_keeps_an_editors_changes(tmp_path, states):
    path = write(
        tmp_path,
        "s.csv",
        lines(row("Protect them"), row("Consult them", by="France", session="7")),
    )
    run(path)
    assert Recommendation.objects.count() == 2
    recommendation = Recommendation.objects.get(session=7)
    assert recommendation.cycle == 1
    recommendation.implementation = Implementation.IMPLEMENTED
    recommendation.save()
    before = list(Recommendation.objects.order_by("pk").values_list("pk", "updated"))

    output = run(path)

    assert "2 on defenders: 0 imported, 2 already there." in output
    assert list(Recommendation.objects.order_by("pk").values_list("pk", "updated")) == before
    assert RecommendationTheme.objects.count() == 1
    assert Recommendation.sources.through.objects.count() == 2
    recommendation.refresh_from_db()
    assert recommendation.implementation == Implementation.IMPLEMENTED


def test_only_the_defenders_unless_all_themes(tmp_path, states):
    path = write(
        tmp_path,
        "s.csv",
        lines(
            row("On defenders", issue=f"Torture,{HRD}"),
            row("On torture", issue="Torture"),
            row("On nothing in particular", issue="", response="", action=""),
        ),
    )

    output = run(path)
    assert list(Recommendation.objects.values_list("text", flat=True)) == ["On defenders"]
    assert "1 on defenders: 1 imported, 0 already there." in output

    output = run(path, "--all-themes")
    assert "3 recommendations: 2 imported, 1 already there." in output
    assert Recommendation.objects.count() == 3
    bare = Recommendation.objects.get(text="On nothing in particular")
    assert (bare.response, bare.action_category, bare.themes.count()) == ("", None, 0)
    assert set(RecommendationTheme.objects.values_list("name", flat=True)) == {HRD, "Torture"}


def test_a_folder_is_read_file_by_file(tmp_path, states):
    write(tmp_path, "one.csv", lines(row("First")))
    write(tmp_path, "two.csv", lines(row("Second", session="20")))
    write(tmp_path, "notes.txt", "not a CSV file")

    output = run(tmp_path)

    assert set(Recommendation.objects.values_list("text", "session")) == {
        ("First", 19),
        ("Second", 20),
    }
    assert "one.csv: 1 rows" in output and "two.csv: 1 rows" in output


def test_quiet_imports_say_nothing(tmp_path, states):
    path = write(tmp_path, "s.csv", lines(row("Protect them")))
    assert run(path, verbosity=0) == ""
    assert Recommendation.objects.count() == 1


# --- bad input writes nothing --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            lines(row("Fine"), row("Protéger les défenseurs")),
            r"bad\.csv, line 3: the file is UTF-8, not Mac Roman",
            id="utf-8",
        ),
        pytest.param(
            [HEADER.replace("Issue", "Theme"), *lines(row("Fine"))[1:]],
            r"bad\.csv, line 1: the columns are not UPR Info's",
            id="header",
        ),
        pytest.param(
            lines(row("Fine"), row("Fine too"), row("Short")[:10]),
            r"bad\.csv, line 4: 10 values where there are 11 columns",
            id="ten-values",
        ),
        pytest.param(
            lines(row("Fine"), row("Bad session", session="x")),
            r"bad\.csv, line 3: session 'x' is not a session number",
            id="session",
        ),
        pytest.param(
            lines(row("Fine"), row("Fine"), row("Unknown", to="Atlantis")),
            r"bad\.csv, line 4: unknown state under review 'Atlantis'",
            id="state-under-review",
        ),
        pytest.param(
            lines(row("Fine"), row("Unknown", by="Atlantis")),
            r"bad\.csv, line 3: unknown recommending state 'Atlantis'",
            id="recommending-state",
        ),
        pytest.param(
            lines(row("Fine"), row("Unsure", response="Maybe")),
            r"bad\.csv, line 3: response 'Maybe' is neither Accepted nor Noted",
            id="response",
        ),
        pytest.param(
            lines(row("Fine"), row("Vague", action="6")),
            r"bad\.csv, line 3: action category '6' is not 1 to 5",
            id="action",
        ),
        pytest.param(
            lines(row("Fine"), row("No\x00pe")),
            r"bad\.csv, line 3: a NUL byte",
            id="nul-byte",
        ),
        pytest.param(
            lines(row("Fine"), row("")),
            r"bad\.csv, line 3: no recommendation text",
            id="no-text",
        ),
        pytest.param(
            lines(row("Fine"), row("Nobody", to=" ")),
            r"bad\.csv, line 3: no state under review",
            id="no-state",
        ),
        pytest.param(
            [HEADER, *lines(row("Fine"))[1:], 'Costa Rica,GRULAC,OAS,"unclosed'],
            r"bad\.csv, line 3: malformed CSV",
            id="malformed",
        ),
        pytest.param([HEADER, ""], r"bad\.csv: no recommendations in the file", id="empty"),
    ],
)
def test_a_bad_file_stops_the_import_and_writes_nothing(tmp_path, valid, content, message):
    encoding = "utf-8" if "UTF-8" in message else "mac_roman"
    bad = write(tmp_path, "bad.csv", content, encoding=encoding)

    with pytest.raises(CommandError, match=r"^Nothing imported\. " + message):
        run(valid, bad, "--all-themes")

    assert nothing_written()
    run(valid)  # the good file alone is imported
    assert Recommendation.objects.count() == 2


def test_a_missing_file_or_an_empty_folder_is_refused(tmp_path, valid):
    with pytest.raises(CommandError, match=r"nowhere\.csv: file not found"):
        run(valid, tmp_path / "nowhere.csv")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match=r"empty: no \.csv files in this folder"):
        run(valid, empty)
    assert nothing_written()


def test_a_nul_byte_is_placed_on_its_line_whatever_the_line_endings(tmp_path, states):
    bad = write(tmp_path, "bad.csv", "\n".join(lines(row("Fine"), row("No\x00pe"))))
    with pytest.raises(CommandError, match=r"bad\.csv, line 3: a NUL byte"):
        run(bad)


def test_imported_recommendations_are_found_by_the_search(tmp_path, states, visitor):
    path = write(
        tmp_path,
        "upr.csv",
        lines(row("Protect indigenous land defenders from reprisals"), row("Abolish it")),
    )
    run(path)
    page = visitor.get("/en/search/?q=indigenous+reprisals&type=recommendation").text
    recommendation = Recommendation.objects.get(text__startswith="Protect")
    assert recommendation.get_absolute_url() in page
    assert "Recommendation to Costa Rica" in page
    # One entry per recommendation, and importing again adds none.
    from focus.search.models import SearchEntry

    entries = SearchEntry.objects.filter(record_type="recommendation")
    assert entries.count() == 2
    run(path)
    assert entries.count() == 2
