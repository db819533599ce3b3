"""overwhelm.cadence: follow-ups to one person, counted across drafts and within a thread."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from followlint.config import Config
from followlint.runner import lint_paths

EML = Path(__file__).parent / "data" / "eml"
NOW = datetime(2025, 10, 30, tzinfo=UTC)
ONLY = Config(select=("overwhelm.cadence",))
BODY = "Hi Ana,\n\nI remain very interested in the analyst role.\n\nBest,\nDev\n"


def draft(folder: Path, name: str, sent: str, to: str = "Ana Ruiz", body: str = BODY) -> str:
    path = folder / name
    path.write_text(f"---\ninterviewer: {to}\nsent: {sent}\n---\n{body}", encoding="utf-8")
    return str(path)


def flagged(paths: list[str]) -> list[tuple[str, int, str]]:
    report = lint_paths(paths, ONLY, now=NOW)
    return [(Path(f.path).name, f.line, f.message) for f in report.findings]


def test_a_week_apart_and_at_most_three_is_fine(tmp_path: Path) -> None:
    paths = [
        draft(tmp_path, "a.md", "2025-09-01T18:00:00"),
        draft(tmp_path, "b.md", "2025-09-10T09:00:00"),
        draft(tmp_path, "c.md", "2025-09-17T09:00:00"),
        draft(tmp_path, "other.md", "2025-09-11T09:00:00", to="Priya Nair"),
    ]
    assert flagged(paths) == []


def test_too_soon_names_the_earlier_draft(tmp_path: Path) -> None:
    paths = [
        draft(tmp_path, "a.md", "2025-09-01T18:00:00"),
        draft(tmp_path, "b.md", "2025-09-03T09:00:00"),
    ]
    (got,) = flagged(paths)
    assert got[:2] == ("b.md", 5)
    assert "2 days after" in got[2] and "a.md" in got[2] and "Ana Ruiz" in got[2]


def test_fourth_unanswered_message(tmp_path: Path) -> None:
    dates = ["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22"]
    paths = [draft(tmp_path, f"{i}.md", d) for i, d in enumerate(dates)]
    (got,) = flagged(paths)
    assert got[0] == "3.md" and "4th message to Ana Ruiz" in got[2] and "2.md" in got[2]


def test_a_reply_from_the_interviewer_starts_the_count_again(tmp_path: Path) -> None:
    reply = BODY + "\nOn Mon, 14 Sep 2025 at 10:00, Ana Ruiz <ana@example.com> wrote:\n> Thanks!\n"
    paths = [
        draft(tmp_path, "0.md", "2025-09-01"),
        draft(tmp_path, "1.md", "2025-09-08"),
        draft(tmp_path, "2.md", "2025-09-15", body=reply),
        draft(tmp_path, "3.md", "2025-09-22"),
        draft(tmp_path, "4.md", "2025-09-29"),
    ]
    assert flagged(paths) == []


def test_revisions_with_the_same_date_are_one_message(tmp_path: Path) -> None:
    paths = [
        draft(tmp_path, "a.md", "2025-09-01T18:00:00"),
        draft(tmp_path, "a-v2.md", "2025-09-01T18:00:00"),
    ]
    assert flagged(paths) == []


def test_drafts_without_dates_have_no_opinion(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ninterviewer: Ana Ruiz\n---\n" + BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ninterviewer: Ana Ruiz\n---\n" + BODY, encoding="utf-8")
    assert flagged([str(tmp_path)]) == []


def test_thread_in_one_email_counts_the_writers_own_messages() -> None:
    (got,) = flagged([str(EML / "fourth-bump.eml")])
    assert got[:2] == ("fourth-bump.eml", 7)
    assert "4th message in this thread" in got[2]


def test_options_change_the_thresholds(tmp_path: Path) -> None:
    paths = [
        draft(tmp_path, "a.md", "2025-09-01T18:00:00"),
        draft(tmp_path, "b.md", "2025-09-03T09:00:00"),
    ]
    config = Config(select=("overwhelm.cadence",), rules={"overwhelm.cadence": {"min_gap_days": 1}})
    assert lint_paths(paths, config, now=NOW).findings == []
