"""tools/ghpages.py, the development server, over real HTTP: it serves its folder and nothing else.

A temporary folder holds a page, a 404 page, symlinks that lead out of it and one that stays inside;
the outside folder holds a secret. Every request that would resolve outside, or that the file system
refuses (a name of 255 bytes or more, a loop of links), answers 404 with the folder's own 404 page, and
the same keep-alive connection goes on answering.
"""

from __future__ import annotations

import errno
import http.client
from pathlib import Path

import pytest

from tools.ghpages import serve_like_pages

SECRET = b"outside the served folder"
NOT_FOUND = b"<h1>404 of the served folder</h1>"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("ghpages")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (outside / "index.html").write_bytes(SECRET)
    root = base / "site"
    (root / "folder").mkdir(parents=True)
    (root / "index.html").write_bytes(b"<h1>home</h1>")
    (root / "404.html").write_bytes(NOT_FOUND)
    (root / "folder" / "index.html").write_bytes(b"<h1>folder</h1>")
    (root / "file-link.txt").symlink_to(outside / "secret.txt")
    (root / "dir-link").symlink_to(outside, target_is_directory=True)
    (root / "folder" / "up-link").symlink_to(Path("..", "..", "outside"), target_is_directory=True)
    (root / "inside-link.html").symlink_to(root / "folder" / "index.html")
    (root / "loop-a").symlink_to(root / "loop-b")
    (root / "loop-b").symlink_to(root / "loop-a")
    (root / "folder-link").symlink_to(outside, target_is_directory=True)
    with serve_like_pages(root) as url:
        yield url.removeprefix("http://").rstrip("/")


def ask(connection: http.client.HTTPConnection, path: str, method: str = "GET") -> tuple[int, bytes, dict]:
    connection.request(method, path, headers={"Accept-Encoding": "identity"})
    response = connection.getresponse()
    return response.status, response.read(), dict(response.getheaders())


@pytest.fixture
def connection(served):
    conn = http.client.HTTPConnection(served, timeout=10)
    try:
        yield conn
    finally:
        conn.close()


def test_the_folder_is_served(connection):
    assert ask(connection, "/")[:2] == (200, b"<h1>home</h1>")
    assert ask(connection, "/folder/")[:2] == (200, b"<h1>folder</h1>")
    assert ask(connection, "/folder")[0] == 301
    assert ask(connection, "/inside-link.html")[:2] == (200, b"<h1>folder</h1>"), "a link that stays inside is fine"


@pytest.mark.parametrize(
    "path",
    [
        "/file-link.txt",
        "/dir-link/secret.txt",
        "/dir-link/",
        "/dir-link",
        "/folder-link",
        "/folder/up-link/secret.txt",
        "/folder/up-link/",
        "/../outside/secret.txt",
        "/%2e%2e/outside/secret.txt",
        "/folder/..%2f..%2foutside/secret.txt",
    ],
)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_nothing_that_resolves_outside_the_folder_is_served(connection, path, method):
    status, body, headers = ask(connection, path, method)
    assert status == 404
    assert SECRET not in body
    assert "Location" not in headers
    if method == "GET":
        assert body == NOT_FOUND
    assert ask(connection, "/")[0] == 200, "the same connection still answers"


@pytest.mark.parametrize(
    "path",
    [
        "/" + "a" * 255,
        "/" + "a" * 300 + ".html",
        "/folder/" + "%C3%A1" * 130,
        "/" + "/".join(["b" * 250] * 20) + "/",
        "/loop-a",
        "/loop-a/",
        "/index.html/x",
        "/%00",
        "/a%00b/",
    ],
)
def test_a_file_system_error_answers_404_and_keeps_the_connection(connection, path):
    status, body, _ = ask(connection, path)
    assert (status, body) == (404, NOT_FOUND)
    assert ask(connection, "/folder/")[:2] == (200, b"<h1>folder</h1>"), "the same connection still answers"


def test_a_404_page_that_leads_outside_is_not_sent(tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_bytes(SECRET)
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_bytes(b"home")
    (root / "404.html").symlink_to(outside)
    with serve_like_pages(root) as url:
        conn = http.client.HTTPConnection(url.removeprefix("http://").rstrip("/"), timeout=10)
        try:
            status, body, _ = ask(conn, "/missing")
            assert status == 404 and SECRET not in body
            assert ask(conn, "/")[:2] == (200, b"home")
        finally:
            conn.close()


def test_a_served_folder_given_through_a_symlink_still_serves_its_files(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "index.html").write_bytes(b"home")
    alias = tmp_path / "alias"
    alias.symlink_to(real, target_is_directory=True)
    with serve_like_pages(alias) as url:
        conn = http.client.HTTPConnection(url.removeprefix("http://").rstrip("/"), timeout=10)
        try:
            assert ask(conn, "/")[:2] == (200, b"home")
        finally:
            conn.close()


def test_the_long_name_is_really_too_long_for_this_file_system(tmp_path):
    with pytest.raises(OSError) as raised:
        (tmp_path / ("a" * 300)).stat()
    assert raised.value.errno == errno.ENAMETOOLONG
