"""promptness: how long after the interview a thank-you note is sent."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

from followlint.document import Document
from followlint.metadata import hours_between
from followlint.model import Hit, Severity

#: A status check ("following up on my interview") is not late when sent a week later.
_STATUS_CHECK_RE = re.compile(
    r"\b(?:follow(?:ing)?[- ]up (?:on|about|regarding)|check(?:ing)? in (?:on|about|regarding)"
    r"|touch(?:ing)? base|status of my application)\b",
    re.IGNORECASE,
)
_THANKS_FOR_INTERVIEW_RE = re.compile(
    r"\bthank(?:s| you)\b[^.!?\n]{0,60}\b(?:interview|meeting|conversation|speaking|talking|time)",
    re.IGNORECASE,
)


def _weekend_hours(start: datetime, end: datetime) -> float:
    """Hours of Saturday and Sunday between start and end, in the interview's local days."""
    total = 0.0
    day = datetime.combine(start.date(), datetime.min.time(), start.tzinfo)
    while day < end:
        following = day + timedelta(days=1)
        if day.weekday() >= 5:
            total += max(0.0, hours_between(max(day, start), min(following, end)))
        day = following
    return total


def _number(options: Mapping[str, object], key: str, default: float) -> float:
    value = options.get(key, default)
    return float(value) if isinstance(value, int | float) else default


def _elapsed(hours: float) -> str:
    return f"{round(hours)} hours" if hours < 72 else f"{round(hours / 24)} days"


def late(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a thank-you note sent long after the interview (graded: info, then warning).

    With `discount_weekends`, Saturday and Sunday do not count, so a Friday interview
    answered on Monday is judged like a one-day wait.
    """
    interview, sent = doc.meta.interview_date, doc.meta.sent
    if interview is None or sent is None:
        return
    if sent.tzinfo is not None and interview.tzinfo is not None:
        sent = sent.astimezone(interview.tzinfo)
    hours = hours_between(interview, sent)
    if options.get("discount_weekends", True):
        hours -= _weekend_hours(interview, sent.replace(tzinfo=interview.tzinfo))
    if hours <= _number(options, "max_hours_info", 24):
        return
    body = doc.view("content")
    if _STATUS_CHECK_RE.search(body) and not _THANKS_FOR_INTERVIEW_RE.search(body):
        return
    severity: Severity = "warning" if hours > _number(options, "max_hours_warning", 48) else "info"
    weekend = " (weekends not counted)" if options.get("discount_weekends", True) else ""
    yield Hit(
        doc.first_body_line(),
        args={"elapsed": _elapsed(hours), "weekend": weekend},
        severity=severity,
    )
