"""Keyed digests for cache keys and sketches, without loading OpenSSL.

`hashlib` binds OpenSSL at import (a few milliseconds per process); CPython's built-in
BLAKE2 module gives the same `blake2b` without it. Digests here name cache entries and
sketch text; none of them protect secrets.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without its own BLAKE2
    from hashlib import blake2b

__all__ = ["blake2b"]
