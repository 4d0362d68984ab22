"""A record's public change log, read from its history: what changed and when.

An editor's name is shown only if that editor chose a public name (core.PublicName).
Editorial notes are not public.
"""

import itertools
from dataclasses import dataclass, field

# Kept in the history for editors, left out of the public log.
PRIVATE_FIELDS = {"verification_note", "needs_verification", "updated", "created", "seed_key"}


@dataclass
class Change:
    at: object
    created: bool
    by: str = ""
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _by(entry) -> str:
    user = entry.history_user
    public = getattr(user, "public_name", None) if user else None
    return public.name if public else ""


def change_log(record, limit: int = 100) -> list[Change]:
    """The latest versions of the record, newest first, each with the fields it changed."""
    model = type(record)
    history = record.history.select_related("history_user__public_name").order_by(
        "-history_date", "-history_id"
    )
    entries = list(history[: limit + 1])
    log = []
    for newer, older in itertools.zip_longest(entries, entries[1:]):
        if older is None:
            if len(entries) > limit:
                break  # older versions exist beyond the limit
            log.append(Change(newer.history_date, created=True, by=_by(newer)))
            continue
        # Lists (sources, beneficiaries) are left out: diffing them costs queries per
        # version, and the record's page shows them as they are now.
        m2m = {f.name for f in newer._history_m2m_fields}
        delta = newer.diff_against(
            older, excluded_fields=PRIVATE_FIELDS | m2m, foreign_keys_are_objs=True
        )
        fields = [(_label(model, c.field), _text(c.old), _text(c.new)) for c in delta.changes]
        if fields:
            log.append(Change(newer.history_date, created=False, by=_by(newer), fields=fields))
    return log


def _text(value) -> str:
    return "" if value is None else str(value)
