"""A fake LibreTranslate: a real HTTP server on 127.0.0.1 (random port, its own thread) that
speaks the protocol as wagtail-localize's LibreTranslator uses it: ``POST <url>/translate``
with a JSON body ``{"q": [texts], "source", "target", "api_key", "format": "html"}``, answered
with ``{"translatedText": [texts]}`` in the same order (a single string ``q`` gets a single
string back, as the real service does).

Its "translation" is recognisable and keeps inline tags: ``[de] <text>``. It records every
request, and can be told to fail (``status=500``) or to demand an API key."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLibreTranslate:
    def __init__(self, api_key: str = "", status: int = 200) -> None:
        self.api_key = api_key
        self.status = status
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def setting(self) -> dict:
        """``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` for this server."""
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {"LIBRETRANSLATE_URL": self.url, "API_KEY": self.api_key, "TIMEOUT": 5},
        }

    @staticmethod
    def translate(text: str, target: str) -> str:
        return f"[{target}] {text}"

    def __enter__(self) -> "FakeLibreTranslate":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    return self._answer(400, {"error": "Invalid JSON"})
                fake.requests.append(
                    {"path": self.path, "content_type": self.headers["Content-Type"], **body}
                )
                if self.path != "/translate":
                    return self._answer(404, {"error": "Not found"})
                if fake.status != 200:
                    return self._answer(fake.status, {"error": "Internal server error"})
                if fake.api_key and body.get("api_key") != fake.api_key:
                    return self._answer(403, {"error": "Invalid API key"})
                q, target = body["q"], body["target"]
                if isinstance(q, list):
                    translated = [fake.translate(text, target) for text in q]
                else:
                    translated = fake.translate(q, target)
                return self._answer(200, {"translatedText": translated})

            def _answer(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
