"""The result cache: a file's findings keyed by its bytes, the rules, the config and the engine.

Stored under the project in `.followlint_cache/` (which ignores itself in git). Entries are
written atomically, one file each, so concurrent runs cannot tear one; an unreadable, corrupt
or foreign entry is a miss, never a crash or a wrong answer. Entries are pickles read through
an unpickler that only admits followlint's own value types, so a planted entry cannot run code.
"""

from __future__ import annotations

import io
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followlint import __version__
from followlint.digest import blake2b
from followlint.safepickle import SafeUnpickler

CACHE_DIR = ".followlint_cache"
_FORMAT = "v1"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a cached file restores: its result, its anchor and its cross-draft summaries."""

    result: Any
    anchor: Any
    summaries: dict[str, Any]


class Cache:
    """A content-addressed cache of per-file results under `root/.followlint_cache/`."""

    def __init__(self, root: Path, salt: str) -> None:
        self.folder = root / CACHE_DIR / _FORMAT
        self._root = root / CACHE_DIR
        self._salt = blake2b(f"{__version__}\0{salt}".encode(), digest_size=32).hexdigest()
        self.hits = 0
        self.misses = 0

    def key(self, name: str, data: bytes) -> str:
        """The entry key of one file's bytes under this run's rules, config and engine."""
        digest = blake2b(self._salt.encode(), digest_size=32)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Entry | None:
        """Return the entry, or None on a miss (absent, unreadable, corrupt or foreign)."""
        try:
            raw = self._path(key).read_bytes()
            entry = SafeUnpickler(io.BytesIO(raw)).load()
        except Exception:
            self.misses += 1
            return None
        if not isinstance(entry, Entry):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry atomically; a cache that cannot be written is silently skipped."""
        path = self._path(key)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile

            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(entry, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return

    def _prepare(self) -> None:
        if (self._root / ".gitignore").exists():
            return
        self._root.mkdir(parents=True, exist_ok=True)
        (self._root / ".gitignore").write_text("# created by followlint\n*\n", encoding="utf-8")
        (self._root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# followlint result cache\n",
            encoding="utf-8",
        )


def clean(root: Path) -> bool:
    """Remove the cache folder under `root`; return whether there was one."""
    folder = root / CACHE_DIR
    if not folder.exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


def pack_fingerprint(pack: Any) -> str:
    """A digest of every rule in force: its file data, options, severity and python source."""
    import importlib.util

    digest = blake2b(digest_size=32)
    for rule in pack:
        digest.update(
            repr(
                (
                    rule.id,
                    sorted(rule.spec.data.items(), key=str),
                    sorted(rule.options.items(), key=str),
                    rule.severity,
                )
            ).encode()
        )
        entry = rule.spec.data.get("entry")
        if isinstance(entry, str):
            spec = importlib.util.find_spec(entry.partition(":")[0])
            if spec is not None and spec.origin and os.path.isfile(spec.origin):
                digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()
