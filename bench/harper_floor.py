"""Harper's own floor: harper-py alone over the same drafts, parallel the way followlint runs it.

    python bench/harper_floor.py [--jobs N] FILE...

Imports harper, builds one `Linter` with the rules followlint switches off switched off
(`src/followlint/proofread/data/harper_advice_rules.txt`, for the harper-py release it names),
checks one sentence, then forks N-1 workers (each inheriting the built Linter copy-on-write)
and lints the files split between the N processes, in plain-text mode, whole files
(followlint sends only the writer's words, a little less). No rules, no report: what any
linter asking Harper for the same work pays at least on this machine, so the Harper budgets
can be read against it. Prints the number of lints.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ADVICE_RULES = (
    Path(__file__).resolve().parents[1] / "src/followlint/proofread/data/harper_advice_rules.txt"
)


def switched_off(harper: object) -> dict[str, bool | None]:
    """followlint's list of advice-only rules, when it was made for the harper-py installed."""
    lines = [x for x in ADVICE_RULES.read_text().splitlines() if x and not x.startswith("#")]
    site = Path(harper.__file__).resolve().parents[1]  # type: ignore[attr-defined]
    made_for = lines[0].split()[0].replace("harper-py==", "harper_py-")
    if not (site / f"{made_for}.dist-info").is_dir():
        return {}
    return {line.split()[0]: False for line in lines[1:]}


def lint_share(linter: object, names: list[str]) -> int:
    """Lint every file of `names` and return how many lints Harper reported."""
    count = 0
    for name in names:
        text = Path(name).read_text(encoding="utf-8", errors="replace")
        lints = linter.organized_lints(text, language="plaintext")  # type: ignore[attr-defined]
        count += sum(len(found) for found in lints.values())
    return count


def main() -> int:
    """Lint the files in `--jobs` processes and print the lint count."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    import harper

    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config(switched_off(harper))
    linter.organized_lints("Thank you for the interview on Tuesday.\n", language="plaintext")
    jobs = max(1, min(args.jobs, len(args.files)))
    children = []
    for worker in range(1, jobs):
        pid = os.fork()
        if pid == 0:
            lint_share(linter, args.files[worker::jobs])
            os._exit(0)
        children.append(pid)
    count = lint_share(linter, args.files[0::jobs])
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed += status != 0
    print(count)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
