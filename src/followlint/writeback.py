"""Write fixed text back without losing words: atomic, same encoding, unchanged on disk."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(OSError):
    """The fixed text was not written; the file on disk is untouched."""


def atomic_write(path: str, expected: bytes, new_text: str) -> None:
    """Replace `path` with `new_text` (UTF-8, as read) if it still holds `expected`.

    The new content goes to a temporary file in the same folder, is flushed to disk, and
    replaces the original in one rename, so a crash leaves either the old or the new file.
    A symbolic link is followed: its target is replaced and the link stays a link.
    """
    target = Path(os.path.realpath(path))
    try:
        current = target.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    if current != expected:
        raise WriteError("changed on disk since it was read; not overwritten")
    mode = target.stat().st_mode & 0o7777
    # os.access says yes to root for any file; the file's own mode says what its owner meant.
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise WriteError("is read-only; fixes not written")
    handle, temp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".followlint", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(new_text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:  # Ctrl-C included: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if not isinstance(exc, OSError):
            raise
        raise WriteError(f"could not write fixes: {exc.strerror or exc}") from None
