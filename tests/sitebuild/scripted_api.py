"""A real HTTP server on 127.0.0.1 that answers like the CMS API, and misbehaves on request.

Not a mock of the client: the build's own HTTP code talks to it over a socket, so timeouts,
refused connections and broken bodies are the real thing."""

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

Answer = tuple[int, str, bytes]  # status, content type, body

LOCALES = {
    "meta": {"total_count": 2},
    "items": [
        {"code": "da", "name": "Dansk", "direction": "ltr", "scope": "full", "is_source": True},
        {"code": "en", "name": "English", "direction": "ltr", "scope": "full"},
    ],
}


def page(pid: int, page_type: str = "home.HomePage") -> dict:
    lang = "da" if pid % 2 else "en"
    return {
        "id": pid,
        "title": f"Page {pid}",
        "meta": {
            "type": page_type,
            "locale": lang,
            "translation_key": f"k{pid}",
            "site_path": "" if pid <= 2 else f"p{pid}/",
            "translation": {"source_locale": "da", "state": "source"},
            "translations": [{"id": pid, "locale": lang, "state": "source"}],
        },
    }


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (timeout tests) is expected, not news


class ScriptedAPI:
    def __init__(self, pages: list[dict]) -> None:
        self.pages = pages
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.misbehave: Callable[[str, dict, int], Answer | None] = lambda *_: None
        self.delay = 0.0
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                api.requests.append(self.path)
                api.headers.append(dict(self.headers))
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                time.sleep(api.delay)
                status, ctype, body = api.misbehave(
                    parts.path, query, len(api.requests)
                ) or api.answer(parts.path, query)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/v2/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, query: dict) -> Answer:
        if path.endswith("/locales/"):
            return 200, "application/json", json.dumps(LOCALES).encode()
        detail = re.fullmatch(r".*/pages/(\d+)/", path)
        if detail:
            found = [p for p in self.pages if p["id"] == int(detail.group(1))]
            if not found:
                return 404, "application/json", b'{"message": "No Page matches the given query."}'
            return 200, "application/json", json.dumps(found[0]).encode()
        items = self.pages
        if "type" in query:
            items = [p for p in items if p["meta"]["type"] == query["type"]]
        if "ids" in query:  # as verify's leak check asks about re-rendered pages
            wanted = {int(pid) for pid in query["ids"].split(",")}
            items = [p for p in items if p["id"] in wanted]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        body = {"meta": {"total_count": len(items)}, "items": items[offset : offset + limit]}
        return 200, "application/json", json.dumps(body).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
