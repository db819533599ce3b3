"""Typed draft metadata (the contract's keys), validated from front matter or e-mail headers."""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

#: Front-matter keys followlint understands; anything else is kept but ignored.
KNOWN_KEYS = frozenset(
    {
        "interview_date",
        "sent",
        "interviewer",
        "interviewers",
        "company",
        "role",
        "promised",
        "attachments",
        "followlint",
        "variables",
    }
)

#: A date without a time is taken to mean noon: the middle of a working day.
_DATE_ONLY_TIME = time(12, 0)


class MetadataError(ValueError):
    """Metadata that cannot be understood; the message names the key."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the draft says about itself; every field is optional ("no metadata, no opinion")."""

    interview_date: datetime | None = None
    sent: datetime | None = None
    interviewers: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    promised: tuple[str, ...] = ()
    #: Names of attached files, or None when the format cannot know (plain drafts).
    attachments: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    variables: tuple[str, ...] | None = None
    #: True when `sent` was not given and "now" stands in for it.
    sent_is_now: bool = False


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 4
_SHOWN.maxlevel = 2


def shown(value: object, limit: int = 60) -> str:
    """A short repr of a value for an error message, however big the value is."""
    text = _SHOWN.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_datetime(value: object, key: str) -> datetime:
    """Turn a YAML date/datetime or an ISO string into a datetime; raise MetadataError otherwise."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, _DATE_ONLY_TIME)
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return datetime.combine(date.fromisoformat(text), _DATE_ONLY_TIME)
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise MetadataError(f"'{key}' is not an ISO date or datetime: {shown(value)}")


def _strings(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise MetadataError(f"'{key}' must be a string or a list of strings")


def _optional_string(value: object, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value).strip() or None
    raise MetadataError(f"'{key}' must be a string")


def _ignore_list(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise MetadataError("'followlint' must be a mapping such as {ignore: [pushy.asap]}")
    unknown = set(value) - {"ignore"}
    if unknown:
        raise MetadataError(f"'followlint' has unknown key '{sorted(unknown)[0]}'")
    return _strings(value.get("ignore"), "followlint.ignore")


def metadata_from_mapping(raw: Mapping[str, object], now: datetime | None) -> Metadata:
    """Validate a front-matter or header mapping into Metadata.

    `now` stands in for a missing `sent` (the contract's default); pass None to leave it unset.
    """
    interview = raw.get("interview_date")
    sent = raw.get("sent")
    interviewers = _strings(raw.get("interviewers"), "interviewers") or _strings(
        raw.get("interviewer"), "interviewer"
    )
    attachments = raw.get("attachments")
    variables = raw.get("variables")
    sent_dt = parse_datetime(sent, "sent") if sent is not None else None
    return Metadata(
        interview_date=parse_datetime(interview, "interview_date") if interview else None,
        sent=sent_dt if sent_dt is not None else now,
        sent_is_now=sent_dt is None and now is not None,
        interviewers=interviewers,
        company=_optional_string(raw.get("company"), "company"),
        role=_optional_string(raw.get("role"), "role"),
        promised=_strings(raw.get("promised"), "promised"),
        attachments=None if attachments is None else _strings(attachments, "attachments"),
        ignore=_ignore_list(raw.get("followlint")),
        variables=None if variables is None else _strings(variables, "variables"),
    )


def hours_between(start: datetime, end: datetime) -> float:
    """Hours from `start` to `end`; a naive and an aware time are compared as the same zone."""
    if (start.tzinfo is None) != (end.tzinfo is None):
        start = start.replace(tzinfo=None)
        end = end.replace(tzinfo=None)
    return (end - start).total_seconds() / 3600.0


def utc_now() -> datetime:
    """The current time, aware, in UTC (the edge passes it in; the core never reads clocks)."""
    return datetime.now(UTC)
