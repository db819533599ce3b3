"""Raw LanguageTool time: POST prepared /v2/check requests to a server, `--jobs` at a time.

    python bench/lt_raw.py URL BODIES.json [--jobs 2]

BODIES.json is a list of form-field mappings, exactly what followlint sends for each draft
(run_bench.py prepares it with followlint's own request builder, outside the timing). Prints
one JSON line: {"seconds": time from the first request to the last answer, "checked", "matches"}.
Uses urllib like followlint does, so both pay the same per-request HTTP cost.
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def post(url: str, fields: dict[str, str]) -> int:
    """POST one check and return the number of matches in the answer."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(f"{url}/v2/check", data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    with urllib.request.urlopen(request, timeout=120) as resp:
        return len(json.loads(resp.read().decode("utf-8")).get("matches", []))


def main() -> None:
    """Send every request and print the timing."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("bodies")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with open(args.bodies, encoding="utf-8") as handle:
        bodies = json.load(handle)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        matches = sum(pool.map(lambda fields: post(args.url, fields), bodies))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "checked": len(bodies), "matches": matches}))


if __name__ == "__main__":
    main()
