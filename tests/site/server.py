"""A local static server for the built site that compresses like GitHub Pages.

GitHub Pages sends HTML, CSS, JavaScript, JSON, SVG and XML gzip-compressed
to browsers that accept it; measuring page weight needs the same.
"""

from __future__ import annotations

import functools
import gzip
import io
import http.server
import sys
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        fs_path = Path(self.translate_path(self.path))
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if fs_path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # redirects /folder to /folder/
            fs_path = fs_path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "")
                or fs_path.suffix not in COMPRESSED or not fs_path.is_file()):
            return super().send_head()
        body = gzip.compress(fs_path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(fs_path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page closed while a file was on its way is not the site's error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path):
    """Start serving ``folder`` on 127.0.0.1 (a free port); return (server, base URL)."""
    server = QuietServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
