"""A stand-in for `java` in LanguageTool tests: starts in milliseconds, misbehaves on request.

`-version` prints $FAKE_JAVA_VERSION (default 17.0.2). Otherwise it acts as the HTTPServer
named by `-p PORT`, as $FAKE_LT_MODE says: "serve" (default) answers /v2/healthcheck and a
/v2/check that reports every "realy" with UTF-16 offsets like LanguageTool, after sleeping
$FAKE_LT_SLEEP seconds; "hang" never becomes ready; "exit" dies with a stack trace.
"""

import json
import os
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        sys.stderr.write("request\n")

    def _send(self, body: bytes, kind: str = "application/json") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(b"OK", "text/plain")

    def do_POST(self) -> None:
        time.sleep(float(os.environ.get("FAKE_LT_SLEEP", "0")))
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if "data" in form:
            parts = json.loads(form["data"][0])["annotation"]
            text = "".join(p.get("text", p.get("markup", "")) for p in parts)
        else:
            text = form["text"][0]
        matches = []
        start = text.find("realy")
        while start >= 0:
            matches.append(
                {
                    "message": "Possible spelling mistake found.",
                    "replacements": [{"value": "really"}],
                    "offset": utf16_len(text[:start]),
                    "length": 5,
                    "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling"},
                }
            )
            start = text.find("realy", start + 1)
        software = {"name": "FakeTool", "version": "0.0-fake"}
        self._send(json.dumps({"software": software, "matches": matches}).encode())


def main() -> None:
    if "-version" in sys.argv:
        print(
            f'openjdk version "{os.environ.get("FAKE_JAVA_VERSION", "17.0.2")}" 2022-01-18',
            file=sys.stderr,
        )
        return
    mode = os.environ.get("FAKE_LT_MODE", "serve")
    print("Starting fake LanguageTool", flush=True)
    if mode == "hang":
        time.sleep(60)
        return
    if mode == "exit":
        print('Exception in thread "main" java.lang.RuntimeException: boom', flush=True)
        print("\tat org.languagetool.server.HTTPServer.main(HTTPServer.java:1)", flush=True)
        sys.exit(1)
    port = int(sys.argv[sys.argv.index("-p") + 1])
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError:
        print(f"PortBindingException: port {port} is in use", flush=True)
        sys.exit(1)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
