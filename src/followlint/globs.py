"""Path globs as people write them in config files: `emails/**/*.txt`, `*.tpl`.

`*` and `?` stay inside one folder name, `[abc]` is a class, `**/` spans any number of folders
(none included), and a pattern without a slash matches a file name in any folder. Paths are
relative, with `/` between folders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


class GlobError(ValueError):
    """A glob that cannot be used; the message says what is wrong with it."""


def translate(pattern: str) -> str:
    """The regular expression (full match) for one glob; GlobError when it is malformed."""
    if not pattern.strip():
        raise GlobError("an empty pattern matches nothing")
    out: list[str] = []
    pos, size = 0, len(pattern)
    while pos < size:
        if pattern.startswith("**/", pos):
            out.append("(?:.*/)?")
            pos += 3
        elif pattern.startswith("**", pos):
            out.append(".*")
            pos += 2
        elif pattern[pos] == "*":
            out.append("[^/]*")
            pos += 1
        elif pattern[pos] == "?":
            out.append("[^/]")
            pos += 1
        elif pattern[pos] == "[":
            close = pattern.find(
                "]", pos + 2 if pattern[pos + 1 : pos + 2] in ("!", "]") else pos + 1
            )
            if close < 0:
                raise GlobError(f"'[' at position {pos + 1} is never closed")
            inner = pattern[pos + 1 : close]
            negate = inner.startswith("!")
            body = re.sub(r"([\\^\[])", r"\\\1", inner[1:] if negate else inner)
            out.append(f"[{'^' if negate else ''}{body}]")
            pos = close + 1
        else:
            out.append(re.escape(pattern[pos]))
            pos += 1
    return "".join(out)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple[re.Pattern[str], bool]:
    cleaned = pattern.replace("\\", "/").removeprefix("./").lstrip("/")
    return re.compile(translate(cleaned), re.DOTALL), "/" in cleaned


def matches_any(patterns: Iterable[str], relative: str) -> bool:
    """Whether a relative path matches any of the globs (a slashless one: its file name)."""
    path = relative.replace("\\", "/").removeprefix("./")
    name = path.rsplit("/", 1)[-1]
    for pattern in patterns:
        regex, has_slash = _compiled(pattern)
        if regex.fullmatch(path if has_slash else name):
            return True
    return False
