#!/usr/bin/env python3
"""Write DEST/languagetool-server.jar: an empty "pathing" jar whose manifest Class-Path
lists ./ and every DEST/libs/*.jar (relative), so `java -cp languagetool-server.jar` works
exactly as language-tool-python 3.4.0 starts it. Standard library only.

Manifest rules: lines at most 72 bytes, continuation lines start with one space,
and the file must end with a newline or the last attribute is silently dropped.
"""

import sys
import zipfile
from pathlib import Path
from urllib.parse import quote


def _wrap(line: str) -> bytes:
    b = line.encode()
    out = [b[:72]]
    b = b[72:]
    while b:
        out.append(b" " + b[:71])
        b = b[71:]
    return b"\r\n".join(out)


def main(dest: str) -> None:
    d = Path(dest)
    jars = sorted((d / "libs").glob("*.jar"))
    if not jars:
        sys.exit(f"no jars in {d / 'libs'}")
    cp = ["./"] + [quote(f"libs/{p.name}") for p in jars]
    mf = ["Manifest-Version: 1.0", "Created-By: followlint", "Class-Path: " + " ".join(cp)]
    tmp = d / "languagetool-server.jar.tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", b"\r\n".join(map(_wrap, mf)) + b"\r\n\r\n")
    tmp.replace(d / "languagetool-server.jar")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_pathing_jar.py DEST_DIR")
    main(sys.argv[1])
