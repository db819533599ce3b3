"""`followlint languagetool install|status`: provide a local LanguageTool and say what is usable.

Kept apart from cli.py so that the main command never imports install machinery.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followlint.proofread import ProofreaderError
from followlint.proofread.lt_install import (
    DEFAULT_VERSION,
    MARKER_NAME,
    MIN_JAVA,
    find_install,
    install_dir,
    install_download,
    install_maven,
    java_executable,
    java_version,
)


def _progress(message: str) -> None:
    click.echo(f"[languagetool] {message}", err=True)


@click.group("languagetool")
def languagetool() -> None:
    """Install a local LanguageTool, or show whether followlint can use one."""


@languagetool.command("install")
@click.option(
    "--maven",
    is_flag=True,
    help="Assemble from Maven Central (needs mvn) instead of downloading the 260 MB zip.",
)
@click.option(
    "--version", "version", default=DEFAULT_VERSION, show_default=True, help="LanguageTool version."
)
@click.option("--force", is_flag=True, help="With --maven, assemble again even if already done.")
@click.option("--no-smoke", is_flag=True, help="With --maven, skip the server smoke test.")
def install_command(maven: bool, version: str, force: bool, no_smoke: bool) -> None:
    """Install LanguageTool into $LTP_PATH (default ~/.cache/language_tool_python)."""
    try:
        if maven:
            path = install_maven(version, echo=_progress, force=force, smoke=not no_smoke)
        else:
            path = install_download(version, echo=_progress)
    except ProofreaderError as exc:
        click.echo(f"followlint: {exc}", err=True)
        sys.exit(2)
    click.echo(f"LanguageTool {version} is installed in {path}")


@languagetool.command("status")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read languagetool_url and dialect from this config file.",
)
@click.option(
    "--languagetool-url",
    default=None,
    envvar="FOLLOWLINT_LANGUAGETOOL_URL",
    help="A running LanguageTool server to check (also FOLLOWLINT_LANGUAGETOOL_URL).",
)
@click.option(
    "--version",
    "version",
    default=DEFAULT_VERSION,
    show_default=True,
    help="LanguageTool version to look for.",
)
def status_command(config_path: Path | None, languagetool_url: str | None, version: str) -> None:
    """Show Java, the local install, the configured server, and what `auto` picks."""
    from followlint.config import ConfigError, resolve_config
    from followlint.proofread import languagetool as lt

    try:
        config = resolve_config(config_path, [Path.cwd()])
    except ConfigError as exc:
        click.echo(f"followlint: {exc}", err=True)
        sys.exit(2)
    config = config.with_overrides(languagetool_url=languagetool_url)
    java = java_executable()
    major = java_version(java) if java else None
    if java is None:
        click.echo("java:     not found on PATH")
    else:
        ok = "ok" if major is not None and major >= MIN_JAVA else f"too old, need {MIN_JAVA}+"
        click.echo(f"java:     {java} (Java {major if major is not None else '?'}, {ok})")
    path = find_install(version)
    if path is None:
        click.echo(f"install:  not found (looked in {install_dir(version)})")
    else:
        kind = "Maven assembly" if (path / MARKER_NAME).is_file() else "release zip"
        click.echo(f"install:  {path} (LanguageTool {version}, {kind})")
    url = lt.configured_url(config)
    if url is None:
        click.echo("server:   none configured (languagetool_url / --languagetool-url)")
    else:
        url = lt.normalize_url(url)
        click.echo(f"server:   {url} ({'reachable' if lt.healthy(url) else 'NOT reachable'})")
    choice = lt.auto_choice(config, version)
    if url:
        why = "configured server"
    elif choice == "languagetool":
        why = "local install and Java"
    else:
        why = "no LanguageTool install or no Java 17+"
    click.echo(f"auto:     {choice} ({why})")
