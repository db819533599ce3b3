"""qualifications: does any sentence tie the writer's own skills or experience to the role?"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from followlint.document import Document
from followlint.kinds._search import fold_key, haystack
from followlint.model import Hit

_I = (
    r"\bi(?:(?:'|’)ve| have| had)?"
    r"(?: (?:also|already|always|often|once|previously|recently|personally|just|since|\w+ly))?"
)
#: Irregular past forms of things people do at work.
_IRREGULAR = (
    r"(?:re|co-?)?(?:built|led|ran|run|wrote|written|taught|won|grown|grew|cut|sold|held"
    r"|oversaw|overseen|undertook|undertaken|done|set up|shot|flew|flown|drew|drawn"
    r"|spun up|stood up)"
    r"|spent (?:the |over |more than |nearly |almost |about |most of )*(?:\d+|an?|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|several|many|last|past) (?:[\w-]+ )?"
    r"(?:years?|seasons?|summers?|months?|decades?|semesters?|weeks)"
)
#: Doing the job now: "I maintain 180 models", "I speak Portuguese".
_PRESENT = (
    r"(?:maintain|manage|lead|run|teach|speak|hold|supervise|coordinate|oversee|train|mentor"
    r"|develop|build|design|handle|own|specialise|specialize|work (?:as|in|with|on|at|for))"
)
#: Matched against the body as IGNORECASE folds it (`fold_key`): lower-case letters, case-
#: sensitive, so `re` compares letters directly (under IGNORECASE it lowers every character it
#: reads, which made this the dearest pattern of a run).
_STATEMENT_RE = re.compile(
    rf"{_I} (?P<verb>\w{{2,}}ed|{_IRREGULAR})\b"
    rf"|\bhaving (?:also )?(?P<verb2>\w{{2,}}ed|{_IRREGULAR})\b"
    rf"|\bi (?:currently |also |now |still )?{_PRESENT}\b"
    rf"|{_I} been (?:an? |the )|{_I} been (?:leading|managing|running|teaching|working|building"
    r"|developing|coordinating|supervising|training|studying)\b"
    r"|\b(?:i(?:'|’)m|i am|and am) (?:a |an )?(?:\w+ )?(?:certified|licensed|fluent|bilingual"
    r"|trilingual|trained|registered|accredited|experienced|proficient|skilled|chartered)\b"
    r"|\b(?:i(?:'|’)m|i am) (?:currently |now |still )?(?:leading|managing|running|teaching"
    r"|building|developing|coordinating|supervising|training|studying|working (?:as|in|at|with))\b"
    r"|\bas an? (?:former|certified|licensed|registered|qualified|practising|practicing|trained)"
    r" \w+"
    r"|\bi was (?:responsible for|in charge of|the (?:lead|owner|manager))"
    r"|\bmy (?:\w+ )?(?:experience|background|research|work|training|degree|years?|seasons?"
    r"|certification|internship|postdoc|thesis|career) (?:in|with|at|on|as|of|coordinating"
    r"|(?!making\b|being\b)\w+ing)\b"
    r"|\b(?:at|in|during) my (?:current|previous|last|former|old|first) (?:job|company|role"
    r"|employer|position|team|workplace|firm|lab|clinic|school|hospital|agency|practice)\b"
    r"|\b(?:in|during) my (?:internship|postdoc|residency|placement|apprenticeship|fellowship)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:\w+ )?"
    r"(?:years?|seasons?|months?)(?:'|’)? (?:of|as|in|at)\b"
    r"|\b(?:have|bring|gained|got|hold) (?:[\w-]+ ){0,3}(?:experience|background|expertise|skills?"
    r"|degree|certificate|certification|license|licence|qualification)s?"
    r" (?:in|with|as|of|from|\w+ing)\b"
    r"|\b(?:background|expertise|degree) in\b"
    r"|\b(?:background|experience|expertise) (?:is|lies|was) (?:mostly |mainly )?(?:in|with)\b"
    r"|\bmy (?:\w+ )?(?:thesis|dissertation|research|capstone|project|team|portfolio|work)"
    r" (?P<verb3>\w{2,}ed|won|built|led|cut|grew)\b",
)
_FIRST_PERSON_RE = re.compile(r"\b(?:i|my|me|i(?:'|’)ve|i(?:'|’)m)\b")


def _states_experience(sentence: str, ignore: frozenset[str]) -> bool:
    """Whether a sentence (folded: `fold_key`) states the writer's own experience."""
    if not _FIRST_PERSON_RE.search(sentence):
        return False
    for m in _STATEMENT_RE.finditer(sentence):
        verb = m.group("verb") or m.group("verb2") or m.group("verb3")
        if verb is None or verb not in ignore:
            return True
    return False


@lru_cache(maxsize=8)  # the option's ~100 verbs, folded once per configuration, not per draft
def _folded(verbs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(map(fold_key, verbs))


def missing(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a note in which no sentence states the writer's own skills or experience."""
    raw = options.get("ignore_verbs", [])
    ignore = _folded(tuple(map(str, raw))) if isinstance(raw, list) else frozenset()
    key = haystack(doc, "body").key  # the folded body, shared with the phrase rules
    sentences = [key[s.start : s.end] for s in doc.sentences("body")]
    if not sentences:
        return
    if not any(_states_experience(sentence, ignore) for sentence in sentences):
        yield Hit(doc.first_body_line())
