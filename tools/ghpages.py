"""`python -m tools.ghpages [SITE_DIR] [PORT]`: serve a built site the way GitHub Pages answers.

Python's `http.server` sends files uncompressed and without cache headers, so
a page measured behind it looks heavier than it is for a visitor. This server
mimics what GitHub Pages (behind its CDN) sends for a static site:

- gzip (`Content-Encoding: gzip`, `Vary: Accept-Encoding`) for text types when
  the browser accepts it: HTML, CSS, JavaScript, JSON, SVG, XML, plain text;
  images and other binary files are sent as they are;
- `Cache-Control: max-age=600` and a matching `Expires` on every file, with
  `Last-Modified` and an `ETag` (weak when compressed); a conditional request
  that still matches gets `304 Not Modified`;
- `/folder` answers `301` to `/folder/`, and `/folder/` serves `folder/index.html`;
- a missing path answers `404` with the site's own `404.html`, and so does any path that
  resolves outside the served folder (a symlink out of it included) or that the file system
  refuses (a name of 255 bytes or more, a loop of links): the connection is never dropped.

It does not mimic HTTPS or HTTP/2 (Pages serves both). Nothing leaves the machine:
it listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import os
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

CACHE_SECONDS = 600
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)
TYPES = {
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".ics": "text/calendar",
    ".txt": "text/plain",
    ".webmanifest": "application/manifest+json",
}


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(COMPRESSIBLE) and kind != "image/svg+xml" else kind


def compressible(kind: str) -> bool:
    return kind.startswith(COMPRESSIBLE)


def accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _gzip(data: bytes) -> bytes:
    # mtime=0: the same file always compresses to the same bytes.
    return gzip.compress(data, compresslevel=6, mtime=0)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET and HEAD from `self.server.root` with GitHub Pages' headers."""

    server_version = "GitHub.com"

    def version_string(self) -> str:
        return self.server_version

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: Lighthouse makes many requests
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _inside(self, path: Path) -> Path | None:
        """`path` with every link followed, if it stays inside the served folder; else None.

        Raises OSError, ValueError or RuntimeError (a loop of links on Python 3.11) where the
        file system refuses the name: the caller answers 404 to those too."""
        real = path.resolve()
        return real if real.is_relative_to(self.server.root) else None

    def _resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location) for a request path: 404 for anything outside the folder."""
        parts = [p for p in unquote(url_path).split("/") if p not in ("", ".")]
        if ".." in parts:
            return 404, None, None
        try:
            target = self._inside(self.server.root.joinpath(*parts))
            if target is not None and target.is_dir():
                if not url_path.endswith("/"):
                    return 301, None, url_path + "/"
                target = self._inside(target / "index.html")
            if target is not None and target.is_file():
                return 200, target, None
        except (OSError, ValueError, RuntimeError):
            pass
        return 404, None, None

    def _read(self, file: Path) -> tuple[os.stat_result, bytes] | None:
        try:
            with file.open("rb") as handle:
                return os.fstat(handle.fileno()), handle.read()
        except (OSError, ValueError):
            return None

    def _not_found_page(self) -> tuple[Path, os.stat_result, bytes] | None:
        try:
            page = self._inside(self.server.root / "404.html")
        except (OSError, ValueError, RuntimeError):
            return None
        read = self._read(page) if page is not None and page.is_file() else None
        return (page, *read) if read else None

    def _answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        status, file, location = self._resolve(url.path)
        if status == 301:
            self.send_response(301)
            self.send_header("Location", location + (f"?{url.query}" if url.query else ""))
            self.send_header("Content-Length", "0")
            self._common_headers()
            self.end_headers()
            return
        read = self._read(file) if status == 200 else None
        if read is None:
            status, not_found = 404, self._not_found_page()
            if not_found is None:
                self.send_error(404)
                return
            file, *read = not_found
        stat, body = read
        kind = content_type(file)
        zipped = compressible(kind) and accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        if zipped:
            etag = "W/" + etag
        if status == 200 and self._not_modified(etag, stat.st_mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self._cache_headers(stat.st_mtime)
            self._common_headers()
            self.end_headers()
            return
        if zipped:
            body = _gzip(body)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        if compressible(kind):
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self._cache_headers(stat.st_mtime)
        self._common_headers()
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            bare = etag.removeprefix("W/")
            return any(t.strip().removeprefix("W/") == bare for t in tags.split(",")) or tags.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _cache_headers(self, mtime: float) -> None:
        self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        self.send_header("Expires", formatdate(time.time() + CACHE_SECONDS, usegmt=True))

    def _common_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")


class PagesServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int = 0):
        self.root = Path(root).resolve()
        super().__init__(("127.0.0.1", port), PagesHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


@contextlib.contextmanager
def serve_like_pages(root: Path, port: int = 0):
    """Serve `root` on 127.0.0.1 in a thread, answering like GitHub Pages; yields the base URL."""
    server = PagesServer(root, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("PORT", "8001"))
    if not (root / "index.html").is_file():
        print(f"{root}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    server = PagesServer(root, port)
    print(f"Serving {root} like GitHub Pages (gzip, Cache-Control: max-age={CACHE_SECONDS}) at {server.url}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
