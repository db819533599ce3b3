"""Which classes a followlint cache file may name when it is unpickled.

Both caches (results, compiled rules) refuse anything but followlint's own types and plain
data, so a planted cache file cannot make unpickling call arbitrary code.
"""

from __future__ import annotations

import pickle
from typing import Any

_ALLOWED_MODULES = ("followlint.", "builtins", "collections", "datetime")
_ALLOWED_BUILTINS = {
    "frozenset",
    "set",
    "tuple",
    "list",
    "dict",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "slice",
}


def allowed_class(module: str, name: str) -> bool:
    """Whether a cache entry may name this class or function: followlint's own, or plain data."""
    if module == "builtins":
        return name in _ALLOWED_BUILTINS
    if module == "array":  # line indexes are arrays of offsets
        return name in ("array", "_array_reconstructor")
    return module.startswith(_ALLOWED_MODULES)


class SafeUnpickler(pickle.Unpickler):
    """Unpickle only what `allowed_class` admits, and path objects (plain data too)."""

    def find_class(self, module: str, name: str) -> Any:
        """The class or function a pickle names, if admitted; else UnpicklingError."""
        path_type = module == "pathlib" and name in ("PosixPath", "WindowsPath")
        if not (allowed_class(module, name) or path_type):
            raise pickle.UnpicklingError(f"refusing {module}.{name}")
        return super().find_class(module, name)
