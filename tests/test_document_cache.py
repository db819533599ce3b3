"""Per-document work done once: masked views, word and sentence lists, e-mail headers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followlint.document import Document, _blank
from followlint.readers import eml, read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCOPES = ("all", "content", "body", "greeting", "signoff", "subject")


def corpus_documents() -> list[Document]:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    docs = []
    for path in sorted(CORPUS.iterdir()):
        docs.append(Document(read_source(path.name, path.read_bytes(), None), path.name))
    return docs


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\r\n\x00é’"), max_size=60))
def test_blanking_keeps_line_breaks_and_length(segment: str) -> None:
    assert _blank(segment) == re.sub(r"[^\r\n]", "\x00", segment)


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("Hi Ann,\n\nThanks a lot—it's 'great'. Best,\nBo-Li_9"),
        max_size=120,
    )
)
def test_word_texts_are_the_words_spans_as_text(text: str) -> None:
    doc = Document.from_text(text)
    for scope in SCOPES:
        assert list(doc.word_texts(scope)) == [text[s.start : s.end] for s in doc.words(scope)]


def test_word_texts_match_words_on_the_corpus() -> None:
    for doc in corpus_documents():
        for scope in SCOPES:
            words = [doc.text[s.start : s.end] for s in doc.words(scope)]
            assert list(doc.word_texts(scope)) == words, (doc.path, scope)


def test_sentences_are_found_once_and_handed_out_as_copies() -> None:
    doc = Document.from_text("Hi Ann,\n\nThank you. It was great! Did I say that?\n\nBest,\nBo\n")
    first = doc.sentences()
    first.clear()
    assert doc.sentences() == doc.sentences() != []


def test_memo_computes_a_value_once_per_document() -> None:
    doc = Document.from_text("Hello")
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        return 42

    assert doc.memo("answer", make) == doc.memo("answer", make) == 42
    assert len(calls) == 1
    assert Document.from_text("Hello").memo("answer", lambda: 7) == 7


def email_read(path: Path) -> object:
    """What reading an e-mail draft gives, as comparable values (or its one-line error)."""
    try:
        source = read_source(path.name, path.read_bytes(), None)
    except ValueError as exc:  # a broken draft must fail the same way
        return str(exc)
    origin = source.origin
    mapping = None
    if origin is not None:  # its line indexes compare by identity: compare what they index
        mapping = (origin.text, origin.decoded, origin.encoded, origin.starts, origin.ends)
    return (replace(source, origin=None), mapping)


def test_emails_read_the_same_with_remembered_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(CORPUS.glob("*.eml")) + sorted((ROOT / "tests" / "data").rglob("*.eml"))
    if not paths:
        pytest.skip("no e-mail drafts here")
    remembered = {path: email_read(path) for path in paths}
    monkeypatch.setattr(eml, "_POLICY", eml.default_policy)
    for path in paths:
        assert email_read(path) == remembered[path], path


def test_scopes_with_the_same_view_derive_once() -> None:
    """Counts work: a draft without a subject has one text for "all" and "content"."""
    text = b"Hi Ana,\n\nThank you for the tour.\n\nBest,\nLi\n"
    plain = Document(read_source("d.txt", text, None))
    assert plain.view("all") is plain.view("content")
    calls: list[str] = []

    def make(view: str) -> int:
        calls.append(view)
        return len(view)

    assert plain.derive("n", "all", make) == plain.derive("n", "content", make)
    assert len(calls) == 1
    assert plain.derive("n", "body", make) == len(plain.text)
    assert len(calls) == 2  # the body view masks the greeting: another text

    mail = Document(
        read_source(
            "d.eml", b"Subject: Thanks\nTo: Ana <a@b.c>\n\nHi Ana,\n\nThank you.\n\nLi\n", None
        )
    )
    assert mail.view("all") != mail.view("content")  # the subject is in "all" only
    calls.clear()
    mail.derive("n", "all", make)
    mail.derive("n", "content", make)
    assert len(calls) == 2


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SCOPES), st.sampled_from(SCOPES))
def test_derived_values_are_what_each_view_gives(first: str, second: str) -> None:
    for doc in corpus_documents()[:12]:
        for scope in (first, second):
            assert doc.derive("the view", scope, str.upper) == doc.view(scope).upper()
            assert doc.word_texts(scope) == tuple(
                doc.text[s.start : s.end] for s in doc.words(scope)
            )
