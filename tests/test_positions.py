"""LineIndex: code-point offsets to 1-based line and column, and back."""

from __future__ import annotations

import pytest

from followlint.positions import BOM, LineIndex


def test_lf_lines_and_columns() -> None:
    text = "ab\ncd\n\nef"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(0) == (1, 1)
    assert index.position(1) == (1, 2)
    assert index.position(2) == (1, 3)  # the newline itself sits at the end of line 1
    assert index.position(3) == (2, 1)
    assert index.position(6) == (3, 1)
    assert index.position(7) == (4, 1)
    assert index.position(9) == (4, 3)  # end of text, no trailing newline


def test_crlf_keeps_carriage_return_on_its_line() -> None:
    text = "ab\r\ncd\r\n"
    index = LineIndex(text)
    assert index.position(2) == (1, 3)  # "\r"
    assert index.position(3) == (1, 4)  # "\n"
    assert index.position(4) == (2, 1)
    assert index.position(5) == (2, 2)
    assert index.line_count == 3
    assert index.line_start(2) == 4


def test_crlf_positions_of_words_equal_lf_positions() -> None:
    lf = "Hi Maria,\n\nCould you reply soon?\nThanks\n"
    crlf = lf.replace("\n", "\r\n")
    for word in ("Hi", "Could", "soon", "Thanks"):
        a, b = lf.index(word), crlf.index(word)
        assert LineIndex(lf).position(a) == LineIndex(crlf).position(b)
        assert LineIndex(lf).position(a + len(word)) == LineIndex(crlf).position(b + len(word))


def test_bom_is_offset_zero_but_not_a_column() -> None:
    text = BOM + "Hi\nyo"
    index = LineIndex(text)
    assert text.index("H") == 1
    assert index.position(1) == (1, 1)
    assert index.position(2) == (1, 2)
    assert index.position(3) == (1, 3)
    # later lines are not affected by the BOM
    assert index.position(4) == (2, 1)
    assert index.position(5) == (2, 2)


def test_bom_offset_round_trip() -> None:
    text = BOM + "Hello\nworld"
    index = LineIndex(text)
    for offset in range(1, len(text) + 1):
        line, column = index.position(offset)
        assert index.offset(line, column) == offset


@pytest.mark.parametrize("text", ["a\nbc\n", "a\r\nbc\r\n", "x😀y\n🎉z", "last line no newline"])
def test_offset_is_inverse_of_position(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        assert index.offset(*index.position(offset)) == offset


def test_emoji_count_as_one_code_point() -> None:
    text = "Thanks 🙏 for 👍🏽 it\nok"
    index = LineIndex(text)
    # U+1F64F is one code point (two UTF-16 units): "for" starts at column 10
    assert index.position(text.index("for")) == (1, 10)
    # a skin-tone modified emoji is two code points
    assert index.position(text.index("it")) == (1, 17)
    assert index.position(text.index("ok")) == (2, 1)


def test_last_line_without_newline_and_empty_text() -> None:
    index = LineIndex("one\ntwo")
    assert index.line_count == 2
    assert index.position(7) == (2, 4)
    empty = LineIndex("")
    assert empty.line_count == 1
    assert empty.position(0) == (1, 1)


def test_trailing_newline_opens_an_empty_last_line() -> None:
    index = LineIndex("one\n")
    assert index.line_count == 2
    assert index.position(4) == (2, 1)
