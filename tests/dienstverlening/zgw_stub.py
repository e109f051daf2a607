"""A local stand-in for a ZGW Zaken API: a loopback ``http.server`` thread serving the recorded pages.

``{api_root}`` in the recorded JSON is replaced by the stub's own address. ``mode`` switches the answer:
``ok`` (the recording), ``403``/``401`` (refused), ``traag`` (answers after ``vertraging`` seconds),
``ongeldig`` (a zaak with a broken date), ``geen-json``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "zgw"


class Stub:
    def __init__(self) -> None:
        self.mode = "ok"
        self.vertraging = 2.0
        self.verzoeken: list[dict[str, Any]] = []
        self.api_root = ""

    def pagina(self, nummer: int) -> dict[str, Any]:
        tekst = (FIXTURES / f"zaken-pagina-{nummer}.json").read_text(encoding="utf-8")
        return json.loads(tekst.replace("{api_root}", self.api_root))  # type: ignore[no-any-return]


@contextmanager
def zgw_stub() -> Iterator[Stub]:
    stub = Stub()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            delen = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(delen.query).items()}
            stub.verzoeken.append({"path": delen.path, "query": query, "headers": dict(self.headers)})
            if stub.mode == "traag":
                time.sleep(stub.vertraging)
            if stub.mode in {"401", "403"}:
                return self._json(int(stub.mode), {"code": "permission_denied", "title": "Geen toegang"})
            if delen.path != "/zaken/api/v1/zaken":
                return self._json(404, {"code": "not_found"})
            if stub.mode == "geen-json":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html>onderhoud</html>")
                return None
            pagina = stub.pagina(2 if query.get("page") == "2" else 1)
            if stub.mode == "ongeldig" and query.get("page") == "2":
                pagina["results"][0]["einddatum"] = "28-03-2024"
                pagina["results"][1]["verlenging"] = {"reden": "x", "duur": "P1M"}
            return self._json(200, pagina)

        def _json(self, status: int, data: Any) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    stub.api_root = f"http://127.0.0.1:{server.server_address[1]}/zaken/api/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
