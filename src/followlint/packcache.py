"""A compiled-rules cache, like Python's `__pycache__`: the rule pack without YAML or re.compile.

Loading the pack reads ~40 YAML files, vets ~600 patterns and compiles them: about as long as
linting a hundred drafts, paid by every process. The result depends only on the rule files and
on the Python and followlint versions, so it is kept under the user's cache folder
(`$FOLLOWLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/followlint`, else `~/.cache/followlint`),
keyed by a digest of every rule file's bytes and of those versions.

A compiled pattern is stored as what `re.compile` hands the regex engine (its opcode list),
and rebuilt with the engine's own constructor, which validates the code; a pattern whose
stored form does not load is compiled afresh. The cache holds compiled rules, never results
or user text. A cache that is missing, foreign, corrupt or unwritable is a miss, never an
error; `FOLLOWLINT_NO_PACK_CACHE=1` turns it off.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from followlint import __version__
from followlint.digest import blake2b
from followlint.patterns import reduce_pattern

_FORMAT = "pack-v1"
_KEEP = 8
#: followlint's own sources, whose state is part of every key.
SOURCES = Path(__file__).resolve().parent


def cache_folder() -> Path | None:
    """Where compiled packs are kept, or None when the cache is turned off."""
    if os.environ.get("FOLLOWLINT_NO_PACK_CACHE"):
        return None
    explicit = os.environ.get("FOLLOWLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "followlint"


def pack_key(files: Sequence[Path]) -> str:
    """A digest of the rule files' names and bytes, and the versions that shape compilation."""
    import _sre  # type: ignore[import-not-found]

    digest = blake2b(digest_size=32)
    digest.update(f"{_FORMAT}\0{__version__}\0{sys.version}\0{_sre.MAGIC}\0".encode())
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    # The pickled checkers are instances of followlint's own classes: a changed source file (a
    # development install between releases) must not meet a pack pickled by the old code.
    for source in _sources():
        stat = os.stat(source)
        digest.update(f"{source}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()[:32]


def _sources() -> list[str]:
    """The Python files of the package, sorted (`os.walk`: half the time of `Path.rglob`)."""
    found = [
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(SOURCES)
        for name in names
        if name.endswith(".py")
    ]
    return sorted(found)


def rule_files(dirs: Sequence[Path]) -> list[Path]:
    """The rule files a pack is built from, in load order."""
    files: list[Path] = []
    for folder in dirs:
        files += sorted(folder.glob("*/*.yml")) + sorted(folder.glob("*/*.yaml"))
    return files


def load_or_build(dirs: Sequence[Path], build: Callable[[], Any]) -> Any:
    """Return the compiled pack for `dirs` from the cache, or `build()` it and store it."""
    folder = cache_folder()
    if folder is None or not all(d.is_dir() for d in dirs):
        return build()
    try:
        key = pack_key(rule_files(dirs))
    except OSError:
        return build()
    path = folder / f"{_FORMAT}-{key}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    built = build()
    _write(path, built)
    return built


def _read(path: Path) -> Any:
    try:
        data = path.read_bytes()
        from followlint.safepickle import SafeUnpickler

        return SafeUnpickler(io.BytesIO(data)).load()
    except Exception:
        # A missing, truncated, foreign or stale entry is a miss; the pack is built afresh.
        return None


def _write(path: Path, value: Any) -> None:
    try:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = copyreg.dispatch_table.copy()
        pickler.dispatch_table[re.Pattern] = reduce_pattern
        pickler.dump(value)
        write_private(path, buffer.getvalue())
        _prune(path.parent)
    except Exception:
        return  # an unwritable or unpicklable pack is simply not cached


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, in a cache folder only its user may enter."""
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    packs = sorted(folder.glob(f"{_FORMAT}-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in packs[:-_KEEP]:
        old.unlink(missing_ok=True)
