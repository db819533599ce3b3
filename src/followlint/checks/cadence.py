"""overwhelm.cadence: too many messages to one person without a reply, or too close together.

Two sources of evidence: the drafts of one run addressed to the same interviewer with `sent`
dates, and an e-mail thread's quoted history ("On ... <you> wrote:" blocks from the writer
with no reply between). Each file keeps a small summary; `compare` groups by recipient, sorts
by date and walks each group once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from followlint.checks.customization import fold, real_names
from followlint.document import Document
from followlint.model import Hit, Span

_ATTRIBUTION_RE = re.compile(r"^[> \t]*On (.{4,160}?)\bwrote:[ \t]*\r?$", re.M)
_FROM_RE = re.compile(r"^From:[ \t]*(.*)$", re.M)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DATE_RES = (
    re.compile(r"\b(?P<d>\d{1,2}) (?P<m>[A-Za-z]{3})[a-z]*\.?,? (?P<y>\d{4})"),
    re.compile(r"\b(?P<m>[A-Za-z]{3})[a-z]*\.? (?P<d>\d{1,2}),? (?P<y>\d{4})"),
    re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})"),
)


@dataclass(frozen=True, slots=True)
class Summary:
    """One draft's place in a conversation: to whom, when, and what its thread shows."""

    path: str
    recipients: tuple[tuple[str, str], ...]  # (folded, as written)
    sent: datetime | None
    replied: bool  # it answers a message from someone else
    thread: tuple[datetime | None, ...]  # the writer's own earlier unanswered messages
    span: Span


def _date(text: str) -> datetime | None:
    for pattern in _DATE_RES:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        month = int(parts["mm"]) if parts.get("mm") else None
        if month is None and parts["m"].lower() in _MONTHS:
            month = _MONTHS.index(parts["m"].lower()) + 1
        try:
            return datetime(int(parts["y"]), month or 0, int(parts["d"]), 12) if month else None
        except ValueError:
            return None
    return None


def _writer(doc: Document) -> set[str]:
    """Folded names and addresses the writer goes by: the From header and the signature."""
    me = {fold(n) for n in doc.signature_names if fold(n)}
    head = doc.text[: doc.content.start] if doc.kind == "email" else ""
    m = _FROM_RE.search(head)
    if m is None:
        return me
    from email.utils import getaddresses  # only e-mail files have a From header

    for name, address in getaddresses([m.group(1)]):
        me.update(x for x in (fold(name), address.lower()) if x)
    return me


def _thread(doc: Document) -> tuple[bool, tuple[datetime | None, ...]]:
    """(answers someone else, dates of the writer's own messages quoted before any reply)."""
    if doc.text.find("wrote:", doc.content.start, doc.content.end) == -1:
        return False, ()  # no quoted message: the pattern's scan is not needed
    me, own = _writer(doc), list[datetime | None]()
    for m in _ATTRIBUTION_RE.finditer(doc.text, doc.content.start, doc.content.end):
        line = m.group(1)
        address = re.search(r"<?([\w.+-]+@[\w.-]+)>?", line)
        names = {fold(w) for w in re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+", line)}
        if not (address and address.group(1).lower() in me) and not names & me:
            return not own, tuple(own)
        own.append(_date(line))
    return False, tuple(own)


def summarize(doc: Document, options: Mapping[str, object]) -> Summary | None:
    """Keep who the draft is to, when it is sent and its visible thread; None without either."""
    names = real_names(doc.meta.interviewers) or ([doc.greeting_name() or ""])
    recipients = tuple((fold(n), n) for n in names if fold(n))
    sent = None if doc.meta.sent_is_now or doc.meta.sent is None else _naive(doc.meta.sent)
    replied, thread = _thread(doc)
    if not recipients or (sent is None and not thread):
        return None
    return Summary(doc.path, recipients, sent, replied, thread, doc.first_body_line())


def _days(earlier: datetime, later: datetime) -> float:
    return (later - earlier).total_seconds() / 86400.0


def _naive(moment: datetime) -> datetime:
    """UTC without a zone for aware times, so that every date of a run sorts together."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _after(days: float) -> str:
    if days < 1:
        return "the same day as"
    return f"{days:.0f} day{'s' * (round(days) != 1)} after"


def _int(options: Mapping[str, object], key: str, default: int) -> int:
    value = options.get(key, default)
    return value if isinstance(value, int) else default


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def compare(
    summaries: Sequence[Summary | None], options: Mapping[str, object]
) -> Iterator[tuple[int, Hit]]:
    """Yield one Hit per file that is one message too many, or too soon after the last one."""
    most, gap = _int(options, "max_unanswered", 3), _int(options, "min_gap_days", 5)
    problems: dict[int, str] = {}
    groups: dict[str, list[int]] = {}
    for index, s in enumerate(summaries):
        if s is None:
            continue
        for key, _ in s.recipients:
            groups.setdefault(key, []).append(index)
        last = s.thread[0] if s.thread else None
        if len(s.thread) + 1 > most:
            problems[index] = f"This is your {_ordinal(len(s.thread) + 1)} message in this thread"
        elif last and s.sent and 0 <= _days(last, s.sent) < gap:
            problems[index] = f"This comes {_after(_days(last, s.sent))} your last message"
    for key, members in groups.items():
        dated = sorted(
            (s.sent, i) for i in members if (s := summaries[i]) is not None and s.sent is not None
        )
        run: list[int] = []
        for _, index in dated:
            s = summaries[index]
            assert s is not None and s.sent is not None
            if s.replied:
                run = [index]
                continue
            previous = summaries[run[-1]] if run else None
            if previous is not None and previous.sent == s.sent:
                continue  # the same message twice: a draft and its revision
            name = dict(s.recipients)[key]
            count = max(len(run), len(s.thread)) + 1
            if previous is not None and previous.sent and _days(previous.sent, s.sent) < gap:
                when = _after(_days(previous.sent, s.sent))
                problems.setdefault(index, f"This comes {when} {previous.path} to {name}")
            elif count > most:
                problems.setdefault(
                    index,
                    f"This is your {_ordinal(count)} message to {name} without a reply "
                    f"(the last was {previous.path if previous else 'in this thread'})",
                )
            run.append(index)
    for index in sorted(problems):
        summary = summaries[index]
        assert summary is not None
        yield index, Hit(summary.span, args={"problem": problems[index]})
