"""Benchmark followlint against peer prose linters; write bench/RESULTS.md.

    .venv/bin/python bench/run_bench.py [--reps 5] [--quick] [--skip-languagetool]

Run it by hand from the repository (nothing in CI times anything); commit the table it writes.
It installs the peers when missing (bench/setup.sh: proselint, write-good, Vale under
/tmp/bench-tools), generates the drafts when missing (bench/gen_drafts.py, fixed seeds, under
/tmp/bench-data), then times whole processes, paired in turn: in every repetition each tool runs
once, in an order rotated per repetition, after one untimed warm-up round. Every tool writes
to /dev/null. Wall time is measured around the process. Memory is measured two ways: GNU
time's `%M` (the largest single process's peak resident set, from wait4's rusage) and the peak
of the whole process tree's proportional set size (PSS, sampled every 20 ms from
/proc/PID/smaps_rollup), which counts a forked worker's shared pages once and its own pages
in full; the memory budgets are checked against the tree.

Groups: one 150-word draft; 1000 drafts; 1000 vs 10,000 drafts (followlint, linearity);
LanguageTool against one server (raw /v2/check time of the very requests followlint sends vs
followlint's whole run, plus server start) when `followlint languagetool status` finds it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV_BIN = REPO / ".venv" / "bin"
PY = str(VENV_BIN / "python")
FL = str(VENV_BIN / "followlint")
TIME = "/usr/bin/time"
#: Draft sets: name -> (count, words, seed).
SETS = {"one": (1, "150", 7), "d1000": (1000, "80-300", 1), "d10000": (10000, "80-300", 2)}


@dataclass
class Tool:
    """One command to time: its label, argv, and what it prepares before each run."""

    label: str
    argv: list[str]
    cwd: Path
    env: dict[str, str] | None = None


@dataclass
class Samples:
    """The measurements of one tool in one group."""

    walls: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)  # KiB
    codes: set[int] = field(default_factory=set)
    extra: list[float] = field(default_factory=list)  # lt_raw's in-process seconds
    tree: list[int] = field(default_factory=list)  # KiB, peak PSS of the process tree

    def wall(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.walls)

    def peak(self) -> float:
        """Median peak RSS of the largest process, in MiB."""
        return statistics.median(self.rss) / 1024

    def tree_peak(self) -> float:
        """Median peak PSS of the whole process tree, in MiB."""
        return statistics.median(self.tree) / 1024


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it (from /proc/PID/task/TID/children)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return out


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Sample the process tree's total PSS until stopped; keep the peak (KiB)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, sum(_pss(p) for p in _descendants(self.pid)))


def sh(argv: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    """Run a helper command (not timed)."""
    return subprocess.run(argv, text=True, capture_output=True, check=False, **kw)  # type: ignore[call-overload, no-any-return]


def measure(tool: Tool, samples: Samples) -> None:
    """Run the tool once under GNU time; add its wall time, peak memory and exit code."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        argv = [TIME, "-f", "%M", "-o", report.name, *tool.argv]
        env = None if tool.env is None else {**os.environ, **tool.env}
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=tool.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        out, err_bytes = proc.communicate()
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        lines = [x for x in Path(report.name).read_text().splitlines() if x.strip().isdigit()]
    if proc.returncode not in (0, 1, 255):  # findings: proselint/vale/followlint 1, write-good 255
        err = err_bytes.decode(errors="replace").strip().splitlines()[-3:]
        raise SystemExit(f"{tool.label} failed with {proc.returncode}: {' | '.join(err)}")
    samples.walls.append(wall)
    samples.rss.append(int(lines[-1]) if lines else 0)
    samples.tree.append(sampler.peak)
    samples.codes.add(proc.returncode)
    if tool.label.startswith("raw"):
        samples.extra.append(json.loads(out.decode().strip().splitlines()[-1])["seconds"])


def load() -> str:
    """The 1-, 5- and 15-minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def host_speed() -> str:
    """Milliseconds a fixed pure-Python loop takes here (best of 3): how fast the host is now.

    The same loop took 460 ms on a quiet host and up to 700 ms on a busy one: every timing
    in a group moves with it, the floors included.
    """
    best = min(_timed_loop() for _ in range(3))
    return f"{best * 1000:.0f} ms"


def _timed_loop() -> float:
    start = time.perf_counter()
    sum(range(30_000_000))
    return time.perf_counter() - start


def paired(tools: list[Tool], reps: int) -> tuple[dict[str, Samples], str]:
    """Run every tool once per repetition, order rotated, after an untimed warm-up round."""
    samples = {t.label: Samples() for t in tools}
    before, speed = load(), host_speed()
    for rep in range(reps + 1):
        shift = rep % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            target = samples[tool.label] if rep else Samples()
            measure(tool, target)
        print(f"  rep {rep}/{reps} done (load {load()})", file=sys.stderr, flush=True)
    return samples, f"{before} → {load()}; host speed probe: {speed} → {host_speed()}"


def ensure_data(root: Path, names: list[str]) -> None:
    """Generate the draft sets that are missing (or were generated with other parameters)."""
    for name in names:
        count, words, seed = SETS[name]
        folder = root / name
        stamp = folder / ".params"
        want = f"{count} {words} {seed} {(BENCH / 'gen_drafts.py').stat().st_mtime_ns}"
        if stamp.exists() and stamp.read_text() == want:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        sh([PY, str(BENCH / "gen_drafts.py"), str(folder), "--count", str(count),
            "--words", words, "--seed", str(seed)])  # fmt: skip
        stamp.write_text(want)


def files(folder: Path) -> list[str]:
    """The drafts of a set, sorted, as paths relative to the data root."""
    return sorted(f"{folder.name}/{p.name}" for p in folder.iterdir() if not p.name.startswith("."))


def body_words(folder: Path) -> float:
    """Mean words per draft between the headers/front matter and the end."""
    total = 0
    names = files(folder)
    for name in names:
        text = (folder.parent / name).read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        elif name.endswith(".eml"):
            text = text.split("\n\n", 1)[1]
        total += len(text.split())
    return total / len(names)


def followlint(root: Path, target: str, *extra: str) -> list[str]:
    """A followlint command writing JSON to /dev/null."""
    return [FL, "lint", "--format", "json", "-o", "/dev/null", *extra, target]


def peer_tools(root: Path, tools_dir: Path, target: str) -> list[Tool]:
    """The floor and the peer linters over one set's files."""
    names = files(root / target)
    return [
        Tool("floor (plain Python, ~300 phrases)", [PY, str(BENCH / "floor.py"), *names], root),
        Tool(
            "proselint",
            [str(tools_dir / "proselint-venv/bin/proselint"), "check", "-o", "compact", *names],
            root,
        ),
        Tool(
            "write-good",
            [str(tools_dir / "write-good/node_modules/.bin/write-good"), "--parse", *names],
            root,
        ),
        Tool(
            "vale (existence style)",
            [
                str(tools_dir / "bin/vale"),
                "--config",
                str(BENCH / "vale/.vale.ini"),
                "--output",
                "line",
                *names,
            ],
            root,
        ),
    ]


HARPER_FLOOR = "harper-py alone (floor: Linter built once, same --jobs, no rules)"


def followlint_tools(root: Path, target: str, jobs: list[str], harper: bool) -> list[Tool]:
    """followlint cold (no proofreader), cold with Harper, and warm (result cache)."""
    out = [Tool("followlint (no proofreader)", followlint(root, target, "--no-cache",
                "--proofreader", "none"), root)]  # fmt: skip
    if target == "one":
        out.append(Tool("followlint (no proofreader), no compiled-rules cache", followlint(
            root, target, "--no-cache", "--proofreader", "none"), root,
            {"FOLLOWLINT_NO_PACK_CACHE": "1"}))  # fmt: skip
    if harper:
        out.append(Tool("followlint --proofreader harper", followlint(
            root, target, "--no-cache", "--proofreader", "harper", *jobs), root))  # fmt: skip
        out.append(Tool(HARPER_FLOOR, [PY, str(BENCH / "harper_floor.py"), *jobs,
                                       *files(root / target)], root))  # fmt: skip
    return out


def versions(tools_dir: Path) -> dict[str, str]:
    """Tool versions for the report header."""
    prose = sh([str(tools_dir / "proselint-venv/bin/pip"), "show", "proselint"]).stdout
    wg = json.loads((tools_dir / "write-good/node_modules/write-good/package.json").read_text())
    harper = sh([PY, "-c", "from importlib.metadata import version; print(version('harper-py'))"])
    status = sh(["git", "-C", str(REPO), "status", "--porcelain", "--", "src", "rules"]).stdout
    changed = len(status.splitlines())
    return {
        "followlint": sh([FL, "--version"]).stdout.strip().rsplit(" ", 1)[-1],
        "git": sh(["git", "-C", str(REPO), "describe", "--always", "--dirty"]).stdout.strip()
        + f" ({changed} changed or untracked files under src/ and rules/)",
        "proselint": next((x[9:] for x in prose.splitlines() if x.startswith("Version: ")), "?"),
        "write-good": wg["version"],
        "vale": "v3.19.0 (go install github.com/errata-ai/vale/v3/cmd/vale@v3.19.0)",
        "harper-py": harper.stdout.strip() or "not installed",
        "python": platform.python_version(),
        "node": sh(["node", "--version"]).stdout.strip(),
    }


def lt_install() -> bool:
    """Whether `followlint languagetool status` reports a usable local install."""
    status = sh([FL, "languagetool", "status"]).stdout
    return any(x.startswith("auto:") and "languagetool" in x.split(":", 1)[1] for x in
               status.splitlines()) and "not installed" not in status  # fmt: skip


def lt_group(root: Path, count: int, reps: int, jobs: int) -> dict[str, object]:
    """LanguageTool: server start, then raw /v2/check vs followlint on the same server."""
    sys.path.insert(0, str(REPO / "src"))
    from followlint.parallel import REQUESTS_PER_JOB
    from followlint.proofread.languagetool import (
        DROPPED_RULES,
        LanguageToolServer,
        annotation,
        find_install,
    )
    from followlint.readers import read_document

    folder = root / f"lt{count}"
    warm = root / f"lt{count}-warmup"
    src = files(root / "d1000")
    for target, chosen in ((folder, src[:count]), (warm, src[count : 2 * count])):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for name in chosen:
            shutil.copy(root / name, target / Path(name).name)
    install = find_install()
    starts = []
    for _ in range(3):
        begin = time.perf_counter()
        with LanguageToolServer(install):
            starts.append(time.perf_counter() - begin)
    bodies = []
    for name in files(folder):
        doc = read_document(name, (root / name).read_bytes(), None)
        bodies.append({
            "language": "en-US",
            "data": json.dumps(annotation(doc.text, doc.view("all")), ensure_ascii=False),
            "disabledRules": ",".join(sorted(DROPPED_RULES)),
        })  # fmt: skip
    (root / f"lt{count}-bodies.json").write_text(json.dumps(bodies))
    with LanguageToolServer(install) as server:
        # JIT warm-up on other drafts, so neither side pays for the server's first minutes.
        sh(followlint(root, warm.name, "--no-cache", "--proofreader", "languagetool",
                      "--languagetool-url", server.url, "--jobs", str(jobs)), cwd=root)  # fmt: skip
        tools = [
            Tool(
                "raw /v2/check (same requests)",
                [
                    PY,
                    str(BENCH / "lt_raw.py"),
                    server.url,
                    f"lt{count}-bodies.json",
                    "--jobs",  # as many requests in flight as followlint keeps
                    str(jobs * REQUESTS_PER_JOB),
                ],
                root,
            ),
            Tool(
                "followlint --proofreader languagetool",
                followlint(
                    root,
                    folder.name,
                    "--no-cache",
                    "--proofreader",
                    "languagetool",
                    "--languagetool-url",
                    server.url,
                    "--jobs",
                    str(jobs),
                ),
                root,
            ),
        ]
        samples, loads = paired(tools, reps)
    return {"starts": starts, "samples": samples, "load": loads, "count": count}


def fmt_row(label: str, s: Samples, base: float | None) -> str:
    """One table row: median, min–max, ratio to the reference, peak memory."""
    ratio = f"{s.wall() / base:.2f}x" if base else ""
    return (
        f"| {label} | {s.wall() * 1000:,.0f} ms | {min(s.walls) * 1000:,.0f}–"
        f"{max(s.walls) * 1000:,.0f} ms | {ratio} | {s.peak():.0f} MiB | "
        f"{s.tree_peak():.0f} MiB | {len(s.walls)} |"
    )


def table(title: str, samples: dict[str, Samples], ref: str, loads: str) -> list[str]:
    """A markdown table for one group; ratios are tool / `ref`."""
    base = samples[ref].wall()
    out = [f"### {title}", "",
           "Load average (1, 5, 15 min) before → after, and the host speed probe "
           f"(`sum(range(30_000_000))`, best of 3; lower is faster): {loads}", "",
           f"| tool | median | min–max | vs {ref} | peak RSS, largest process | "
           "peak PSS, process tree | runs |",
           "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    out += [fmt_row(label, s, base) for label, s in samples.items()]
    return [*out, ""]


def verdict(ok: bool) -> str:
    """The budget column."""
    return "**met**" if ok else "**MISSED**"


def main() -> int:
    """Run the groups and write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions, 1000-draft group")
    parser.add_argument("--reps-one", type=int, default=15, help="repetitions, one draft")
    parser.add_argument("--reps-linear", type=int, default=5, help="repetitions, 10,000 drafts")
    parser.add_argument("--reps-lt", type=int, default=5, help="repetitions, LanguageTool")
    parser.add_argument("--lt-count", type=int, default=200, help="drafts for LanguageTool")
    parser.add_argument("--data", type=Path, default=Path("/tmp/bench-data"))
    parser.add_argument(
        "--tools", type=Path, default=Path(os.environ.get("BENCH_TOOLS", "/tmp/bench-tools"))
    )
    parser.add_argument("--skip-languagetool", action="store_true")
    parser.add_argument("--skip-linear", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    began = time.perf_counter()

    subprocess.run([str(BENCH / "setup.sh"), str(args.tools)], check=True)
    # As an installed package has them: byte-compiled sources and a compiled-rules cache of
    # its own (not the user's), filled by each group's untimed warm-up round.
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "src" / "followlint")], check=True)
    os.environ["FOLLOWLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-pack-")
    root = args.data.resolve()
    root.mkdir(parents=True, exist_ok=True)
    ensure_data(root, ["one", "d1000"] + ([] if args.skip_linear else ["d10000"]))
    help_text = sh([FL, "lint", "--help"]).stdout
    has_jobs = "--jobs" in help_text
    cores = os.cpu_count() or 1
    jobs = ["--jobs", str(cores)] if has_jobs else []
    info = versions(args.tools)
    harper = info["harper-py"] != "not installed"
    report: list[str] = []
    results: dict[str, dict[str, Samples]] = {}

    print("one draft", file=sys.stderr)
    tools = followlint_tools(root, "one", jobs, harper) + peer_tools(root, args.tools, "one")
    results["one"], loads = paired(tools, args.reps_one)
    report += table(f"One draft ({body_words(root / 'one'):.0f} words), median of {args.reps_one}",
                    results["one"], "followlint (no proofreader)", loads)  # fmt: skip

    print("1000 drafts", file=sys.stderr)
    sh([FL, "clean"], cwd=root)
    tools = followlint_tools(root, "d1000", jobs, harper)
    warm = Tool("followlint warm cache (no proofreader)", followlint(
        root, "d1000", "--proofreader", "none"), root)  # fmt: skip
    sh(warm.argv, cwd=root)  # fill the cache
    tools += [warm, *peer_tools(root, args.tools, "d1000")]
    results["d1000"], loads = paired(tools, args.reps)
    report += table(f"1000 drafts ({body_words(root / 'd1000'):.0f} words each on average), "
                    f"median of {args.reps}", results["d1000"], "followlint (no proofreader)",
                    loads)  # fmt: skip

    if not args.skip_linear:
        print("linearity", file=sys.stderr)
        tools = [
            Tool(
                "followlint, 1,000 drafts",
                followlint(root, "d1000", "--no-cache", "--proofreader", "none"),
                root,
            ),
            Tool(
                "followlint, 10,000 drafts",
                followlint(root, "d10000", "--no-cache", "--proofreader", "none"),
                root,
            ),
        ]
        results["linear"], loads = paired(tools, args.reps_linear)
        report += table(f"Linearity (no proofreader, cross-draft near-duplicate check included), "
                        f"median of {args.reps_linear}", results["linear"],
                        "followlint, 1,000 drafts", loads)  # fmt: skip

    lt: dict[str, object] | None = None
    if not args.skip_languagetool and lt_install():
        print("languagetool", file=sys.stderr)
        lt = lt_group(root, args.lt_count, args.reps_lt, cores)
        lts: dict[str, Samples] = lt["samples"]  # type: ignore[assignment]
        raw = lts["raw /v2/check (same requests)"]
        starts: list[float] = lt["starts"]  # type: ignore[assignment]
        report += table(f"LanguageTool, {args.lt_count} drafts, one shared server, --jobs {cores}, "
                        f"median of {args.reps_lt}", lts, "raw /v2/check (same requests)",
                        str(lt["load"]))  # fmt: skip
        report += [
            f"Raw check time measured inside lt_raw.py (first request to last answer, no "
            f"interpreter start): median {statistics.median(raw.extra) * 1000:,.0f} ms "
            f"(min–max {min(raw.extra) * 1000:,.0f}–{max(raw.extra) * 1000:,.0f} ms).",
            f"Server start (launch to healthy, followlint's LanguageToolServer with its bundled "
            f"server.cfg): median {statistics.median(starts):.2f} s of {len(starts)} "
            f"({', '.join(f'{s:.2f}' for s in starts)} s); not included above.", "",
        ]  # fmt: skip

    # Budgets.
    one, k = results["one"], results["d1000"]
    none_one, none_k = one["followlint (no proofreader)"], k["followlint (no proofreader)"]
    rows = [
        ("No proofreader, one draft ≤ 100 ms", f"{none_one.wall() * 1000:.0f} ms",
         none_one.wall() <= 0.100),
        ("No proofreader, 1000 drafts ≤ 2.0 s", f"{none_k.wall():.2f} s", none_k.wall() <= 2.0),
        ("… faster than write-good (side by side)",
         f"{none_k.wall():.2f} s vs {k['write-good'].wall():.2f} s",
         none_k.wall() < k["write-good"].wall()),
        ("… ≥ 2x faster than proselint (side by side)",
         f"{k['proselint'].wall() / none_k.wall():.2f}x",
         k["proselint"].wall() >= 2 * none_k.wall()),
        ("No proofreader, peak memory ≤ 60 MiB (process tree)",
         f"{max(none_one.tree_peak(), none_k.tree_peak()):.0f} MiB",
         max(none_one.tree_peak(), none_k.tree_peak()) <= 60),
    ]  # fmt: skip
    if harper:
        h1, hk = one["followlint --proofreader harper"], k["followlint --proofreader harper"]
        f1, fk = one[HARPER_FLOOR], k[HARPER_FLOOR]
        rows += [
            ("Harper, one draft ≤ 0.75 s", f"{h1.wall():.2f} s (harper-py alone: "
             f"{f1.wall():.2f} s)", h1.wall() <= 0.75),
            (f"Harper, 1000 drafts ≤ 9 s ({' '.join(jobs) or 'no --jobs'})",
             f"{hk.wall():.2f} s (harper-py alone: {fk.wall():.2f} s)", hk.wall() <= 9),
            ("Harper, peak memory ≤ 400 MiB (process tree)",
             f"{max(h1.tree_peak(), hk.tree_peak()):.0f} MiB (harper-py alone: "
             f"{max(f1.tree_peak(), fk.tree_peak()):.0f} MiB)",
             max(h1.tree_peak(), hk.tree_peak()) <= 400),
        ]  # fmt: skip
    wk = k["followlint warm cache (no proofreader)"]
    rows.append(("Cache warm, 1000 unchanged drafts ≤ 0.5 s", f"{wk.wall():.2f} s",
                 wk.wall() <= 0.5))  # fmt: skip
    if lt is not None:
        lts = lt["samples"]  # type: ignore[assignment]
        raw_s = statistics.median(lts["raw /v2/check (same requests)"].extra)
        fl_s = lts["followlint --proofreader languagetool"].wall()
        rows.append((f"LanguageTool overhead ≤ 10% over raw check time ({lt['count']} drafts)",
                     f"{fl_s:.2f} s vs {raw_s:.2f} s raw: +{(fl_s / raw_s - 1) * 100:.0f}%",
                     fl_s <= 1.10 * raw_s))  # fmt: skip
    if "linear" in results:
        lin = results["linear"]
        ratio = lin["followlint, 10,000 drafts"].wall() / lin["followlint, 1,000 drafts"].wall()
        rows.append(("Linear: 10,000 drafts ≤ 10.5x the time of 1,000", f"{ratio:.2f}x",
                     ratio <= 10.5))  # fmt: skip

    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = next((x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                if x.startswith("model name")), platform.processor())  # fmt: skip
    head = [
        "# followlint benchmark results", "",
        f"Run {now} by `bench/run_bench.py` ({(time.perf_counter() - began) / 60:.1f} min) on "
        f"{cores} cores ({cpu}), {platform.system()} {platform.release()}.", "",
        "Whole process, wall time (perf_counter around the process). Memory: GNU `/usr/bin/time "
        "-f %M` (the largest single process's peak RSS, from wait4) and the peak PSS of the "
        "whole process tree (sampled every 20 ms from /proc; followlint forks workers, so the "
        "memory budgets are checked against the tree). followlint runs from byte-compiled "
        "sources (`compileall`, as `pip install` leaves them) with its compiled-rules cache "
        "(`FOLLOWLINT_CACHE_DIR`, filled by the untimed warm-up round, like `__pycache__`); the "
        "row 'no compiled-rules cache' shows a run without it. Tools paired in turn: "
        "every repetition runs each tool once, the order rotated per repetition, after one "
        "untimed warm-up round. All output goes to /dev/null (followlint: `--format json -o "
        "/dev/null`). Cold followlint runs use `--no-cache`; the warm run reads a cache filled "
        "by one untimed run. Ratios are median / the reference row's median.", "",
        "Versions: " + ", ".join(f"{k_} {v}" for k_, v in info.items()) + ".",
        f"`followlint lint --help` lists `--jobs`: {'yes' if has_jobs else 'no'}; Harper runs "
        f"use `{' '.join(jobs) or '(default)'}`.", "",
        "## Budgets", "", "| budget | measured (median) | verdict |", "|---|---:|---|",
        *[f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in rows], "",
        "## Tables", "",
    ]  # fmt: skip
    args.out.write_text("\n".join(head + report), encoding="utf-8")
    print(f"wrote {args.out} in {(time.perf_counter() - began) / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
