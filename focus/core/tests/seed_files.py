"""The real seed files, cut down or edited in a temporary folder, for tests that load them
with `load_seed --seed-dir` (the whole seed takes most of a minute to load)."""

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

from focus.geo import seeding as geo_seeding
from focus.library import seeding as library_seeding
from focus.policies import seeding as policies_seeding
from focus.standards import seeding as standards_seeding


def read_rows(path: Path) -> tuple[list[dict], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader), list(reader.fieldnames or [])


def write_rows(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def keep_rows(source: Path, target: Path, keep: Callable[[dict], bool]) -> None:
    rows, columns = read_rows(source)
    write_rows(target, [r for r in rows if keep(r)], columns)


def edit_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell (line as an editor counts it, the header being line 1)."""
    rows, columns = read_rows(path)
    rows[line - 2][column] = value
    write_rows(path, rows, columns)


def cut_seed(
    folder: Path,
    countries: set[str],
    *,
    places: frozenset[str] = frozenset(),
    library: bool = False,
) -> Path:
    """The real geo and policies seed files cut down to these countries (ISO alpha-3) and
    their first-level units, in `folder`. `places` are more countries, without their
    records (where the organisations kept are based). With `library`, the documents about
    the countries and the standards too. Returns `folder`."""
    geo, policies = folder / "geo", folder / "policies"
    geo.mkdir()
    policies.mkdir()
    shutil.copy(geo_seeding.SEED / "regions.csv", geo)
    shutil.copy(geo_seeding.SEED / "regional_bodies.csv", geo)
    rows, _ = read_rows(geo_seeding.SEED / "countries.csv")
    prefixes = tuple(f"{r['alpha2']}-" for r in rows if r["alpha3"] in countries)

    def in_scope(code: str) -> bool:
        return code in countries or code.startswith(prefixes)

    keep_rows(
        geo_seeding.SEED / "countries.csv",
        geo / "countries.csv",
        lambda r: r["alpha3"] in countries | places,
    )
    keep_rows(
        geo_seeding.SEED / "subdivisions.csv",
        geo / "subdivisions.csv",
        lambda r: r["country"] in countries,
    )
    for name in ("instruments.csv", "developments.csv", "mechanisms.csv"):
        keep_rows(
            policies_seeding.SEED / name, policies / name, lambda r: in_scope(r["jurisdiction"])
        )
    mechanisms = {r["slug"] for r in read_rows(policies / "mechanisms.csv")[0]}
    keep_rows(
        policies_seeding.SEED / "mechanism_figures.csv",
        policies / "mechanism_figures.csv",
        lambda r: r["mechanism"] in mechanisms,
    )
    keep_rows(
        policies_seeding.SEED / "organisations.csv",
        policies / "organisations.csv",
        lambda r: set(r["countries"].split(";")) <= countries | places,
    )
    if library:
        (folder / "library").mkdir()
        keep_rows(
            library_seeding.SEED / "documents.csv",
            folder / "library" / "documents.csv",
            lambda r: all(in_scope(code) for code in r["jurisdictions"].split(";")),
        )
        shutil.copytree(standards_seeding.SEED, folder / "standards")
    return folder
