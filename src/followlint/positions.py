"""The one coordinate system: code-point offsets to 1-based line and column."""

from __future__ import annotations

from array import array
from bisect import bisect_right

BOM = "\ufeff"


class LineIndex:
    r"""Map offsets in a text to 1-based (line, column) pairs, computed once per document.

    Lines end at "\\n" (so CRLF files keep the "\\r" at the end of each line). A UTF-8 byte
    order mark stays in the text at offset 0, as in the file, but is not counted as a column:
    editors do not show it.
    """

    __slots__ = ("_bom", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        # A compact array, not a list of int objects: a run keeps one index per file it read
        # (cross-draft findings are placed after every file is linted).
        self._starts = array("I" if len(text) < 2**32 else "q", starts)
        self._bom = text.startswith(BOM)

    @property
    def line_count(self) -> int:
        """Number of lines (a trailing newline opens an empty last line)."""
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of `offset`."""
        line = bisect_right(self._starts, offset)
        column = offset - self._starts[line - 1] + 1
        if line == 1 and self._bom and offset > 0:
            column -= 1
        return line, column

    def offset(self, line: int, column: int) -> int:
        """Inverse of `position`: the offset of a 1-based (line, column)."""
        base = self._starts[line - 1] + column - 1
        if line == 1 and self._bom:
            base += 1
        return base
