#!/usr/bin/env bash
# Provision an English-only LanguageTool HTTP server from Maven Central, laid out the way
# language-tool-python 3.4.0 expects:  $LTP_PATH/LanguageTool-$LT_VERSION/languagetool-server.jar
# The same steps in Python: `followlint languagetool install --maven`; this script needs no
# installed followlint (bash, java, mvn, python3). The pom lives in src/followlint/proofread/data/.
#
# Usage: tools/languagetool/assemble.sh [--force] [--no-smoke]
#   LT_VERSION    LanguageTool version (default 6.8)
#   LTP_PATH      install root (default $HOME/.cache/language_tool_python)
#   LT_MVN_ARGS   extra Maven arguments, e.g. "-Dmaven.repo.local=/some/repo" (optional)
#
# Idempotent: a marker file is written only after the jars, the pathing jar and the smoke
# test all succeeded; if the marker and the jar exist, the script exits 0 at once.
set -euo pipefail

LT_VERSION="${LT_VERSION:-6.8}"
LTP_PATH="${LTP_PATH:-$HOME/.cache/language_tool_python}"
DEST="$LTP_PATH/LanguageTool-$LT_VERSION"
JAR="$DEST/languagetool-server.jar"
MARKER="$DEST/.followlint-assembled"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

force=0 smoke=1
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --no-smoke) smoke=0 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "assemble.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# Fast path: pure bash, no subprocesses.
if [[ $force -eq 0 && -f "$MARKER" && -f "$JAR" ]]; then
  read -r marked <"$MARKER" || true
  if [[ "$marked" == "$LT_VERSION" ]]; then
    exit 0
  fi
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/../../src/followlint/proofread/data/pom.xml"
log() { printf '[assemble-languagetool] %s\n' "$*" >&2; }

for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || { log "ERROR: '$tool' not found on PATH"; exit 1; }
done

mkdir -p "$DEST"
# Serialize concurrent runs (e.g. parallel test jobs); the loser re-checks the marker.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DEST/.assemble.lock"
  flock 9
  if [[ $force -eq 0 && -f "$MARKER" && -f "$JAR" && "$(<"$MARKER")" == "$LT_VERSION" ]]; then
    exit 0
  fi
fi

start=$SECONDS
rm -f "$MARKER"

# 1. runtime jars -> libs/ (fresh directory, so a version change or a half-finished run leaves no stale jars)
log "1/3 resolving languagetool-server $LT_VERSION + language-en (+ es, ca, pt) from Maven Central into $DEST/libs"
rm -rf "$DEST/libs" "$DEST/libs.tmp"
# -Djansi.noreset=true: Debian's Maven 3.8.7 otherwise prints stray ESC[0m even with -B -q.
# shellcheck disable=SC2086
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
  mvn -B -q -Dstyle.color=never -f "$POM" ${LT_MVN_ARGS:-} -Dlt.version="$LT_VERSION" \
  "$DEP_PLUGIN:copy-dependencies" \
  -DincludeScope=runtime -DoutputDirectory="$DEST/libs.tmp"
mv "$DEST/libs.tmp" "$DEST/libs"
n_jars=$(find "$DEST/libs" -name '*.jar' | wc -l)
log "    $n_jars jars, $(du -sh "$DEST/libs" | cut -f1)"

# 2. pathing jar
log "2/3 writing pathing jar $JAR"
python3 "$HERE/make_pathing_jar.py" "$DEST"

# 3. smoke test, started exactly as language-tool-python starts it
if [[ $smoke -eq 1 ]]; then
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  SMOKE_LOG="$DEST/smoke.log"
  log "3/3 smoke test: HTTPServer on port $PORT (log: $SMOKE_LOG)"
  java -cp "$JAR" org.languagetool.server.HTTPServer -p "$PORT" >"$SMOKE_LOG" 2>&1 &
  PID=$!
  cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if ! python3 - "$PORT" "$PID" <<'PY'
import json, os, sys, time, urllib.parse, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
base = f"http://127.0.0.1:{port}/v2"
deadline = time.monotonic() + 180
while True:
    try:
        with urllib.request.urlopen(base + "/healthcheck", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("server process exited before becoming healthy")
    if time.monotonic() > deadline:
        sys.exit("server not healthy after 180 s")
    time.sleep(0.25)
text = "I realy enjoyed it."
body = urllib.parse.urlencode({"language": "en-US", "text": text}).encode()
with urllib.request.urlopen(base + "/check", data=body, timeout=120) as r:
    res = json.load(r)
hits = [(m["rule"]["id"], text[m["offset"]:m["offset"] + m["length"]]) for m in res["matches"]]
print(f"    {res['software']['name']} {res['software']['version']}: {hits}", file=sys.stderr)
if not any(s == "realy" for _, s in hits):
    sys.exit("expected a spelling match for 'realy'")
PY
  then
    log "ERROR: smoke test failed; last lines of $SMOKE_LOG:"
    tail -n 40 "$SMOKE_LOG" >&2 || true
    exit 1
  fi
  cleanup
  trap - EXIT INT TERM
else
  log "3/3 smoke test skipped (--no-smoke)"
fi

printf '%s\n' "$LT_VERSION" >"$MARKER"
log "done in $((SECONDS - start)) s. Use: LTP_PATH=$LTP_PATH, language_tool_download_version=\"$LT_VERSION\""
