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


def change_log(record) -> list[Change]:
    """Every version of the record, newest first, each with the fields it changed."""
    model = type(record)
    history = record.history.select_related("history_user__public_name").order_by(
        "-history_date", "-history_id"
    )
    entries = list(history)
    log = []
    for newer, older in itertools.zip_longest(entries, entries[1:]):
        if older is None:
            log.append(Change(newer.history_date, created=True, by=_by(newer)))
            continue
        delta = newer.diff_against(
            older, excluded_fields=PRIVATE_FIELDS, foreign_keys_are_objs=True
        )
        m2m = {f.name for f in newer._history_m2m_fields}
        fields = []
        for change in delta.changes:
            label = _label(model, change.field)
            if change.field in m2m:
                fields.append((label, "", ""))  # a list changed: its page shows it now
            else:
                fields.append((label, _text(change.old), _text(change.new)))
        if fields:
            log.append(Change(newer.history_date, created=False, by=_by(newer), fields=fields))
    return log


def _text(value) -> str:
    return "" if value is None else str(value)
