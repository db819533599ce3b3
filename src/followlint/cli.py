"""The command line (click only): options to Config, runner to Report, formatter to output.

No linting logic lives here. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage, configuration or input errors (one line each, never a traceback).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

import click

from followlint import __version__
from followlint.config import PROOFREADERS, Config, ConfigError, resolve_config
from followlint.model import SEVERITIES, SEVERITY_RANK, FileError
from followlint.rulefile import RuleError


class ExitCode(IntEnum):
    """The contract's exit codes."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


#: Not the contract's: a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


#: Sub-commands imported only when invoked (or listed by --help): a lint run never pays for them.
_LAZY_COMMANDS = {"languagetool": "followlint.cli_languagetool:languagetool"}


class DefaultGroup(click.Group):
    """A group that runs `lint` when the first argument is not a sub-command (`followlint a.md`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert `lint` unless a sub-command or a group option comes first."""
        known = args and (args[0] in self.commands or args[0] in _LAZY_COMMANDS)
        if not args or (not known and args[0] not in ("--help", "-h", "--version")):
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the sub-command; Ctrl-C ends it with 130, as a shell reports an interrupt.

        click's own "Aborted!" exits with 1, which a script or hook would read as findings.
        """
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nfollowlint: interrupted", err=True)
            ctx.exit(INTERRUPTED)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every sub-command, the lazy ones included."""
        return sorted({*self.commands, *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return a sub-command, importing a lazy one on first use."""
        if cmd_name not in self.commands and cmd_name in _LAZY_COMMANDS:
            from importlib import import_module

            module, _, name = _LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(import_module(module), name)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


def _fail(message: str) -> None:
    click.echo(f"followlint: {message}", err=True)
    sys.exit(ExitCode.ERROR)


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followlint")
def main() -> None:
    """followlint: lint interview follow-up and thank-you messages.

    Run `followlint PATH...` to lint drafts (.md, .txt, .eml); see `followlint lint --help`.
    """


@main.command("lint")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "output_format",
    default="auto",
    show_default=True,
    help="text, concise, json, github, sarif, junit, or auto (github under GitHub Actions).",
)
@click.option(
    "--select", multiple=True, help="Only these rules, categories or prefixes (comma-separated)."
)
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules, categories or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Use this config file instead of searching upward from the first path.",
)
@click.option(
    "--proofreader",
    type=click.Choice(PROOFREADERS),
    default=None,
    help="Spelling and grammar engine [default: auto].",
)
@click.option(
    "--languagetool-url",
    default=None,
    envvar="FOLLOWLINT_LANGUAGETOOL_URL",
    help="Use a running LanguageTool server (also FOLLOWLINT_LANGUAGETOOL_URL).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply rewordings.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--stdin-filename", default=None, help="The name to report for input read from '-'.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to lint in, this one included (threads for LanguageTool) [default: all cores].",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("-q", "--quiet", is_flag=True, help="Only the finding lines, no snippets or summary.")
@click.option("--statistics", is_flag=True, help="Add counts per rule to the text summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--color/--no-color", default=None, help="Force colour on or off.")
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to a file instead of standard output.",
)
def lint_command(
    paths: tuple[str, ...], output_format: str, config_path: Path | None, **opts: Any
) -> None:
    """Lint follow-up drafts: files, folders, or '-' for standard input."""
    from followlint.formats import FORMATS, RenderOptions, renderer
    from followlint.metadata import utc_now
    from followlint.runner import Run, build_pack, discover

    if not paths:
        _fail("no paths given; try `followlint draft.md` or `followlint --help`")
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format not in FORMATS:
        _fail(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    try:
        config = resolve_config(config_path, [Path(p) for p in paths if p != "-"])
        config = config.with_overrides(
            select=_split(opts["select"]),
            extend_select=_split(opts["extend_select"]),
            ignore=config.ignore + _split(opts["ignore"]),
            fail_on=opts["fail_on"],
            proofreader=opts["proofreader"],
            languagetool_url=opts["languagetool_url"],
        )
    except ConfigError as exc:
        _fail(str(exc))
    cached = config.cache and not opts["no_cache"]
    proofreader = _open_proofreader(config, paths, opts["jobs"], cached)
    try:
        pack = build_pack(config)
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    base = config.path.parent if config.path else Path.cwd()
    cache = None
    if cached:
        from followlint.cache import Cache, pack_fingerprint

        engine = proofreader.describe() if proofreader is not None else "none"
        salt = "\0".join((pack_fingerprint(pack), repr(_config_identity(config)), engine))
        cache = Cache(base, salt)
    run = Run(pack, config, base, utc_now(), proofreader, cache)
    fix_mode = None
    if opts["fix"] or opts["diff"]:
        fix_mode = "unsafe" if opts["unsafe_fixes"] else "safe"
    diffs: list[str] = []
    from followlint.parallel import Job, default_jobs, examine_all

    jobs = opts["jobs"] or default_jobs()
    engine_name = proofreader.name if proofreader is not None else None
    job = Job(run, fix_mode, opts["stdin_filename"])
    items = discover(list(paths), config, base)
    click.get_current_context().call_on_close(gc.unfreeze)  # a caller's process gets it back
    try:
        for count, (item, data, outcome) in enumerate(
            examine_all(job, items, jobs, engine_name, "-" in paths), 1
        ):
            _accept(run, item, data, outcome, opts, diffs)
            if count % _FREEZE_EVERY == 0:
                gc.freeze()
    finally:
        if proofreader is not None:
            proofreader.close()
    gc.freeze()
    report = run.finish()
    report.engine = proofreader.describe() if proofreader is not None else None
    for notice in report.notices:
        click.echo(f"followlint: {notice}", err=True)
    for error in report.errors:
        click.echo(f"followlint: error: {error}", err=True)
    color = opts["color"]
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ and opts["output_file"] is None
    options = RenderOptions(
        color=color, quiet=opts["quiet"], statistics=opts["statistics"], version=__version__
    )
    rendered = "".join(diffs) if opts["diff"] else renderer(output_format)(report, options)
    if opts["output_file"] is not None:
        opts["output_file"].write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False, color=color)
    code = _exit_code(report.errors, report.worst(), config, opts["exit_zero"])
    if opts["diff"] and diffs and code == ExitCode.CLEAN and not opts["exit_zero"]:
        code = ExitCode.FINDINGS  # as ruff: a non-empty diff means the files are not clean
    sys.exit(code)


#: Results kept, after which the objects alive so far are frozen (`gc.freeze`). The run keeps
#: every file's results to the end, and they hold no reference cycles; without this, each
#: full collection walks all of them again (0.64 s of a 10,000-draft run, 5 collections;
#: none in a 1,000-draft run), so the time per draft grew with the number of drafts.
_FREEZE_EVERY = 256


def _open_proofreader(config: Config, paths: Sequence[str], jobs: int | None, cached: bool) -> Any:
    """Plan the engine (None with `--proofreader none`, without importing any engine code).

    A run that will lint something starts the engine in the background at once, so building
    it overlaps reading the rules and drafts: a few named files, or any run without the result
    cache. Other runs start it once the cache has said which files need linting (see
    `followlint.parallel.examine_all`), so an unchanged tree never builds it.
    """
    if config.proofreader == "none":
        return None
    from followlint.parallel import PROCESS_THRESHOLD
    from followlint.proofread import ProofreaderError, open_proofreader

    try:
        proofreader = open_proofreader(config)
    except ProofreaderError as exc:
        _fail(str(exc))
    few_files = len(paths) < PROCESS_THRESHOLD and all(p == "-" or Path(p).is_file() for p in paths)
    if proofreader is not None and (few_files or jobs == 1 or not cached):
        proofreader.warm_up()
    return proofreader


def _accept(
    run: Any,
    item: str | FileError,
    data: bytes,
    outcome: Any,
    opts: dict[str, Any],
    diffs: list[str],
) -> None:
    """Add one outcome to the run; write fixes or collect the diff (main thread only)."""
    if isinstance(item, FileError):
        run.report.errors.append(item)
        return
    result = run.accept(outcome)
    if result is None or result.new_text is None:
        return
    from followlint.fixes import unified_diff
    from followlint.writeback import WriteError, atomic_write

    display = result.path
    if opts["diff"]:
        diffs.append(unified_diff(display, result.original_text or "", result.new_text))
    elif item == "-":
        sys.stdout.write(result.new_text)
    else:
        try:
            atomic_write(item, data, result.new_text)
        except WriteError as exc:
            run.report.errors.append(FileError(display, str(exc)))


def _config_identity(config: Config) -> tuple[object, ...]:
    """The parts of a config that change per-file results (the cache key's share)."""
    return (
        sorted(config.words),
        config.per_file_ignores,
        config.dialect,
        config.proofreader,
        config.languagetool_url,
        config.templates,
    )


def _exit_code(errors: Sequence[FileError], worst: int, config: Config, exit_zero: bool) -> int:
    if errors:
        return ExitCode.ERROR
    if not exit_zero and worst and worst >= SEVERITY_RANK[config.fail_on]:
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


@main.command("clean")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None
)
def clean_command(config_path: Path | None) -> None:
    """Remove the result cache (.followlint_cache/) of this project."""
    from followlint.cache import clean

    try:
        config = resolve_config(config_path, [Path.cwd()])
    except ConfigError as exc:
        _fail(str(exc))
    base = config.path.parent if config.path else Path.cwd()
    removed = clean(base)
    click.echo(
        f"followlint: {'removed' if removed else 'no cache in'} {base / '.followlint_cache'}"
    )


@main.command("rules")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None
)
def rules_command(output_format: str, config_path: Path | None) -> None:
    """List every rule: id, severity and what it checks."""
    from followlint.catalog import render_catalog
    from followlint.runner import build_pack

    try:
        config = resolve_config(config_path, [Path.cwd()])
        pack = build_pack(config.with_overrides(select=(), ignore=()))
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    click.echo(render_catalog(pack, output_format), nl=False)


@main.command("explain")
@click.argument("rule_id")
def explain_command(rule_id: str) -> None:
    """Explain one rule: why it matters, its options and its examples."""
    from followlint.catalog import explain
    from followlint.registry import load_pack

    try:
        pack = load_pack(resolve_config(None, [Path.cwd()]).rule_dirs)
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    try:
        rule = pack.get(rule_id)
    except KeyError:
        close = [r.id for r in pack if rule_id in r.id]
        hint = f"; did you mean {', '.join(close[:5])}?" if close else "; see `followlint rules`"
        _fail(f"unknown rule '{rule_id}'{hint}")
    click.echo(explain(rule), nl=False)
