"""customization: names and details checked against the draft's metadata.

Every check here needs metadata (interviewer or company) except `nothing_specific`, and
returns early without it: no metadata, no opinion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from difflib import SequenceMatcher
from functools import lru_cache
from types import MappingProxyType

from followlint.document import MASK, Document
from followlint.kinds._search import haystack
from followlint.model import Edit, Fix, Hit, Span

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*\.?")
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dr",
        "prof",
        "professor",
        "chef",
        "sir",
        "madam",
        "mister",
        "doctor",
        "coach",
        "rev",
        "hon",
    }
)
_CONNECTORS = frozenset({"and", "or", "&"})
#: Greeting words that address a group or a role, never a person's name.
_GROUP_WORDS = frozenset(
    {
        "all",
        "everyone",
        "everybody",
        "team",
        "teams",
        "folks",
        "panel",
        "committee",
        "colleagues",
        "both",
        "there",
        "hiring",
        "manager",
        "managers",
        "recruiter",
        "recruiting",
        "search",
        "selection",
        "interview",
        "interviewing",
        "board",
        "friends",
        "you",
        "again",
        "people",
        "members",
    }
)
_TEMPLATE_CHARS_RE = re.compile(r"[\[\]{}<>$%_()]")
_ROLE_GREETING_RE = re.compile(
    r"\b(?:(?:the )?(?:hiring|recruiting|recruitment|search|selection|interview(?:ing)?) "
    r"(?P<group>team|committee|panel)|(?:hiring|recruiting) manager|recruiter|talent team"
    r"|(?P<bare>team|committee|panel))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)  # words repeat: a long draft folds each distinct word once
def fold(text: str) -> str:
    """Lower-case letters only, accents removed: the form names are compared in."""
    if text.isascii():  # the same result without decomposing: most words of most drafts
        return text.lower() if text.isalpha() else "".join(filter(str.isalpha, text)).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalpha()).casefold()


def real_names(values: Iterable[str]) -> list[str]:
    """Metadata names that look like names (an e-mail username such as 'gpike' does not)."""
    return [v for v in values if any(w[:1].isupper() for w in v.split())]


def name_tokens(names: Iterable[str]) -> dict[str, str]:
    """Folded word -> word as written, over every word of every name (titles dropped)."""
    tokens: dict[str, str] = {}
    for name in names:
        for m in _WORD_RE.finditer(name):
            word = m.group().rstrip(".")
            if fold(word) not in _TITLES and fold(word):
                tokens.setdefault(fold(word), word)
    return tokens


def impersonal_greeting(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Flag "Dear Hiring Manager" (or Team/Committee/Recruiter) when the interviewer is known."""
    names = real_names(doc.meta.interviewers)
    if not names or doc.greeting is None:
        return
    view = doc.view("greeting")
    if _TEMPLATE_CHARS_RE.search(view, doc.greeting.start, doc.greeting.end):
        return  # a placeholder there is customization.placeholder's finding
    m = _ROLE_GREETING_RE.search(view, doc.greeting.start, doc.greeting.end)
    if m is None or (len(names) > 1 and (m.group("group") or m.group("bare"))):
        return
    who = " and ".join(names)
    fix = Fix((Edit(Span(m.start(), m.end()), who),), f"Address {who} by name")
    yield Hit(Span(m.start(), m.end()), {"interviewer": who}, (fix,))


def _nicknames(options: Mapping[str, object]) -> Mapping[str, frozenset[str]]:
    raw = options.get("nicknames", [])
    return _nickname_table(tuple(map(str, raw)) if isinstance(raw, list) else ())


@lru_cache(maxsize=8)  # one table per rule configuration, not one per draft (~0.2 ms each)
def _nickname_table(entries: tuple[str, ...]) -> Mapping[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for entry in entries:
        short, _, full = entry.partition("=")
        pairs.setdefault(fold(short), set()).add(fold(full))
    return MappingProxyType({short: frozenset(fulls) for short, fulls in pairs.items()})


def _matches(
    word: str, tokens: Mapping[str, str], given: set[str], nicknames: Mapping[str, frozenset[str]]
) -> bool:
    """Whether a greeting word names one of the interviewers (initial, short form, nickname)."""
    if word in tokens or tokens.keys() & nicknames.get(word, frozenset()):
        return True
    if len(word) == 1:
        return any(t.startswith(word) for t in tokens)
    # Short forms shorten given names by whole syllables (Alex, Dan), never a surname by a letter.
    return any(t.startswith(word) and len(t) - len(word) >= 2 for t in given)


def interviewer_name(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Flag a greeting whose name is misspelled or belongs to someone else."""
    names = real_names(doc.meta.interviewers)
    span = doc.greeting_name_span()
    if not names or span is None or _TEMPLATE_CHARS_RE.search(doc.text, span.start, span.end):
        return
    tokens, nicknames = name_tokens(names), _nicknames(options)
    given = {fold(w) for n in names for w in n.split()[:-1]}
    threshold = float(options.get("min_similarity", 0.75))  # type: ignore[arg-type]
    expected, strangers = " and ".join(names), []
    for m in _WORD_RE.finditer(doc.text, span.start, span.end):
        raw = m.group().rstrip(".")
        word = fold(raw)
        if not raw[:1].isupper() or word in _TITLES | _CONNECTORS | _GROUP_WORDS:
            continue
        if _matches(word, tokens, given, nicknames):
            continue
        best = max(tokens, key=lambda t: SequenceMatcher(None, word, t).ratio())
        if SequenceMatcher(None, word, best).ratio() >= threshold:
            right = tokens[best]
            span = Span(m.start(), m.start() + len(raw))
            fix = Fix((Edit(span, right),), f"Spell it '{right}'", safe=True)
            advice = f"check the spelling: '{right}'"
            yield Hit(span, {"expected": expected, "advice": advice}, (fix,))
        else:
            strangers.append(m)
    if strangers:
        start, end = strangers[0].start(), strangers[-1].end()
        advice = "make sure this note goes to the person it thanks"
        yield Hit(Span(start, end), {"expected": expected, "advice": advice})


_CAP_RUN_RE = re.compile(
    r"(?<![\w'’])[A-Z][\w'’-]*(?:(?:[ \t]+(?:(?:and|of|de|du|la|van|von|&)[ \t]+)?|[ \t]*&[ \t]*)"
    r"[A-Z][\w'’-]*)*"
)


def _company_forms(company: str) -> dict[str, str]:
    """Folded accepted forms of the company name -> the form as written.

    The full name, its name without a legal suffix or a leading "The", and every leading
    run of its words ("Cobaltline" for "Cobaltline Freight") are correct ways to name it.
    """
    words = [w for w in re.split(r"\s+", company.strip()) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    forms: dict[str, str] = {}
    for end in range(len(words), 0, -1):
        shown = " ".join(words[:end])
        key = _fold_phrase(shown)
        if key:
            forms.setdefault(key, shown)
    return forms


#: A possessive 's, or a closing apostrophe.
_POSSESSIVE_RE = re.compile(r"['’]s\b|['’]$")
#: The words of a run of capitalised words (an ampersand between them is not one).
_RUN_WORD_RE = re.compile(r"[^\s&]+")


def _fold_phrase(phrase: str) -> str:
    words = _POSSESSIVE_RE.sub("", phrase).split()
    return "".join(fold(w) for w in words if w.lower() not in {"and", "&"})


def _sentence_initial(view: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a quotation.

    Looks back over the blanks (and masked text) before the word in a growing window, so a
    check costs the length of that gap, not of the whole text before it.
    """
    window = 64
    while True:
        low = max(0, start - window)
        before = view[low:start].rstrip(" \t" + MASK)
        if before:
            return before[-1] in '.!?:\n"“'
        if low == 0:
            return True
        window *= 4


@lru_cache(maxsize=1 << 12)  # "Thank", "Best", "Dear Maria": runs repeat across drafts
def _windows(run: str, width: int) -> tuple[tuple[int, int, int, int, str], ...]:
    """Each span of up to `width` words of a run of capitalised words.

    As (first word, last word + 1, start, end, folded text), offsets in `run`.
    """
    words = list(_RUN_WORD_RE.finditer(run))
    spans = [
        (i, j, words[i].start(), words[j - 1].end())
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + width) + 1)
    ]
    return tuple((i, j, s, e, _fold_phrase(run[s:e])) for i, j, s, e in spans)


def _near_misses(
    view: str, run: re.Match[str], forms: Mapping[str, str], skip: set[str], width: int
) -> Iterator[tuple[float, int, int, str]]:
    """Yield (similarity, start, end, form) for windows of a run that are not a correct form.

    A window that overlaps a correct mention is only compared with longer forms, so
    "Nordlys Energy" is still caught for "Nordlys Energi" but "Cobaltline's" never is.
    """
    at = run.start()
    windows = [(i, j, s + at, e + at, key) for i, j, s, e, key in _windows(run.group(), width)]
    # Correct mentions by first word: a window spans at most `width` words, so only mentions
    # starting from `width` words before it can touch it (a long run stays linear).
    exact: dict[int, list[tuple[int, int]]] = {}
    for i, j, _, _, key in windows:
        if key in forms:
            exact.setdefault(i, []).append((j, len(key)))
    for i, j, start, end, key in windows:
        if key in forms or key in skip or len(key) < 4:
            continue
        near = [(a, b, n) for a in range(i - width + 1, j) for b, n in exact.get(a, ())]
        inside = [n for a, b, n in near if i <= a and b <= j]
        if any(a < j and i < b for a, b, _ in near) and not inside:
            continue
        if j - i == 1 and _sentence_initial(view, start):
            continue
        for form in (f for f in forms if len(f) > max(inside, default=0)):
            yield _similarity(key, form), start, end, form


@lru_cache(maxsize=1 << 16)  # a long draft repeats its capitalised words: compare each once
def _similarity(key: str, form: str) -> float:
    return SequenceMatcher(None, key, form).ratio()


def company_name(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Flag a near-miss spelling of the company named in the metadata."""
    company = doc.meta.company
    if not company:
        return
    forms = _company_forms(company)
    people = set(name_tokens([*doc.meta.interviewers, *doc.signature_names]))
    threshold = float(options.get("min_similarity", 0.85))  # type: ignore[arg-type]
    view = doc.view("all")
    for run in _CAP_RUN_RE.finditer(view):
        best = max(_near_misses(view, run, forms, people, len(company.split()) + 1), default=None)
        if best is None or best[0] < threshold:
            continue
        _, start, end, form = best
        end = start + len(re.sub(r"['’]s$", "", view[start:end]))
        fixes = tuple(
            Fix((Edit(Span(start, end), name),), f"Replace with '{name}'")
            for name in dict.fromkeys([forms[form], company])
        )
        yield Hit(Span(start, end), {"company": company}, fixes)


#: Phrases that point back at the conversation ("you mentioned", "our discussion of budgets").
_CONVERSATION_RE = re.compile(
    (
        r"\byou(?:'d| had)? (?:mentioned|described|showed|shared|explained|outlined|told me|talked"
        r" about|walked me through|pointed out|raised|highlighted|demonstrated|introduced|spoke"
        r" about|noted|emphasi[sz]ed|gave me|are planning)\b"
        r"|\b(?:we|you and I) (?:discussed|talked about|covered|spoke about|went over|looked at)\b"
        r"|\b(?:conversation|discussion|talk|chat|hearing|learning|tour|walk|demonstration|demo"
        r"|overview|insights?|explanation|description|story|advice)(?: more)? (?:about|of|on"
        r"|regarding|around|through|along|into) (?!(?:the |your |our |this |that )?(?:position|role"
        r"|job|opportunity|company|organi[sz]ation|team|firm|department|interview|process|hiring"
        r"|next|culture|mission|work|responsibilities|duties|it|this|that|you)\b(?!['’]))[a-z]"
    ).replace(" ", r"\s+"),  # a phrase may wrap onto the next line
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"
#: Numbers written out; matched as whole words of the folded text (`\bword\b`, any case).
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty"  # noqa: SIM905
    " fifty hundred thousand dozen million".split()
)
_CAPITALISED_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
#: Capitalised words any template has: days, months, pronouns, everyday acronyms and tools.
_COMMON_CAPITALISED = frozenset(
    {
        "i",
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "hr",
        "cv",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "vp",
        "ok",
        "us",
        "uk",
        "asap",
        "ps",
        "fyi",
        "am",
        "pm",
        "mr",
        "mrs",
        "ms",
        "dr",
        "linkedin",
        "zoom",
        "teams",
        "skype",
        "webex",
        "google",
        "meet",
        "email",
        "e-mail",
        "internet",
        "dear",
    }
)
_COMMON_FOLDED = frozenset(fold(word) for word in _COMMON_CAPITALISED)


def _specific_words(doc: Document, view: str) -> Iterator[str]:
    """Capitalised words inside sentences that are not the note's known names."""
    known = {fold(name) for name in doc.known_names()} | _COMMON_FOLDED
    for m in _CAPITALISED_RE.finditer(view):
        word = re.sub(r"['’]s$", "", m.group())
        if not _sentence_initial(view, m.start()) and fold(word) not in known:
            yield word


def _detail_words(doc: Document, view: str, template: frozenset[str]) -> set[str]:
    """Distinct content words (4+ letters) that no thank-you template would contain."""
    known = {fold(name) for name in doc.known_names()}
    words = (fold(w) for w in re.findall(r"[^\W\d_][\w'’-]*", view))
    return {w for w in words if len(w) >= 4 and w not in template and w not in known}


def _has_number(doc: Document, view: str) -> bool:
    """Whether the body has a digit or a number word (a set lookup, not a scan per word)."""
    return has_digit(view) or not _NUMBER_WORDS.isdisjoint(haystack(doc, "body").key_words)


def has_digit(text: str) -> bool:
    r"""Whether `text` has a digit (what `\d` matches)."""
    if text.isascii():  # ten substring searches cost a tenth of one scan for \d
        return any(map(text.__contains__, _ASCII_DIGITS))
    return _DIGIT_RE.search(text) is not None


@lru_cache(maxsize=8)
def _template_words(words: str) -> frozenset[str]:
    """The option's words, folded: made once per run, not once per draft."""
    return frozenset(fold(w) for w in words.split())


def nothing_specific(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Flag a note with no number, name or reference that only this conversation could give."""
    if doc.template:
        return
    view = doc.view("body")
    if len(doc.word_texts("body")) < int(options.get("min_words", 30)):  # type: ignore[call-overload]
        return
    if _has_number(doc, view) or _CONVERSATION_RE.search(view):
        return
    if next(_specific_words(doc, view), None) is not None:
        return
    template = _template_words(str(options.get("template_words", "")))
    if len(_detail_words(doc, view, template)) < int(options.get("min_detail_words", 3)):  # type: ignore[call-overload]
        yield Hit(doc.first_body_line())
