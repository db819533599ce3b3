#!/usr/bin/env bash
# Install the peer linters the benchmark compares followlint with, outside the repository.
#
#   bench/setup.sh [TOOLS_DIR]        (default: $BENCH_TOOLS or /tmp/bench-tools)
#
# Idempotent: anything already installed is left alone. Installs:
#   TOOLS_DIR/proselint-venv  proselint 0.16.x in its own virtualenv (pip)
#   TOOLS_DIR/write-good      write-good 1.0.8 (npm)
#   TOOLS_DIR/bin/vale        Vale (go install from the Go module proxy; pinned below)
#   /usr/bin/time             GNU time, for peak memory (apt-get, when missing and root)
set -euo pipefail

TOOLS="${1:-${BENCH_TOOLS:-/tmp/bench-tools}}"
PROSELINT_SPEC="${PROSELINT_SPEC:-proselint==0.16.*}"
WRITE_GOOD_SPEC="${WRITE_GOOD_SPEC:-write-good@1.0.8}"
VALE_MODULE="${VALE_MODULE:-github.com/errata-ai/vale/v3}"
VALE_VERSION="${VALE_VERSION:-v3.19.0}"
mkdir -p "$TOOLS/bin"

if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    else
        echo "setup: /usr/bin/time is missing; run: sudo apt-get install -y time" >&2
        exit 1
    fi
fi

if [ ! -x "$TOOLS/proselint-venv/bin/proselint" ]; then
    echo "setup: installing $PROSELINT_SPEC" >&2
    python3 -m venv "$TOOLS/proselint-venv"
    "$TOOLS/proselint-venv/bin/pip" install -q "$PROSELINT_SPEC" \
        || "$TOOLS/proselint-venv/bin/pip" install -q proselint
fi

if [ ! -x "$TOOLS/write-good/node_modules/.bin/write-good" ]; then
    echo "setup: installing $WRITE_GOOD_SPEC" >&2
    mkdir -p "$TOOLS/write-good"
    (cd "$TOOLS/write-good" && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --no-audit --no-fund --silent "$WRITE_GOOD_SPEC")
fi

if [ ! -x "$TOOLS/bin/vale" ]; then
    command -v go >/dev/null || { echo "setup: Go is needed to install Vale" >&2; exit 1; }
    echo "setup: installing vale $VALE_VERSION" >&2
    # v3.19.0 is the last release under this module path (from v3.20 it is
    # github.com/vale-cli/vale/v3, whose releases here need a dependency version the Go proxy
    # does not serve: cascadia v1.3.6-0.20260923...). Fall back to the new path's latest.
    GOBIN="$TOOLS/bin" go install "$VALE_MODULE/cmd/vale@$VALE_VERSION" \
        || GOBIN="$TOOLS/bin" go install github.com/vale-cli/vale/v3/cmd/vale@latest
fi

"$TOOLS/proselint-venv/bin/pip" show proselint 2>/dev/null | sed -n 's/^Version: /proselint /p'
node -e "console.log('write-good ' + require('$TOOLS/write-good/node_modules/write-good/package.json').version)"
"$TOOLS/bin/vale" --version
