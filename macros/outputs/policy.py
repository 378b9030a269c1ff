"""Every page's policy: no Referer sent, and a Content-Security-Policy, written into each built page.

GitHub Pages sends no headers of a site's choosing, so both are `<meta>` elements, put first in
`<head>` (right after `<meta charset>`): a policy given by `<meta>` covers only what comes after it.
This is the post step's last part (macros.outputs.writers.write_outputs), so the MkDocs and the
Zensical builds get the same policy, computed from the pages as they are published:

- scripts only from this site, or inline scripts whose exact text the build hashed (Material's and
  Zensical's few lines in every page, a tool's one-line call); no `'unsafe-inline'`, no `eval`
  (`'wasm-unsafe-eval'` lets the search compile its WebAssembly, nothing else);
- styles from this site, and inline: Zensical's bundle adds `<style>` elements as it runs, whose
  text no build can hash (and a hash in `style-src` would switch `'unsafe-inline'` off); a style
  runs no script;
- images, fonts, the search index and the finder's files, workers (search, service worker) and
  forms: this site only (`data:` images too: Material draws its icons so);
- no plugin, no `<base>`, and nothing from any other origin.

`make serve` (`mkdocs serve`) adds a script to every page it serves to reload it after a rebuild,
different each time: there, and only there, the inline scripts are allowed as a whole
(`live_reload=True`) instead of by hash; everything else is the same.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from markupsafe import Markup

from macros.render.markup import render

POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
"""The directives; the hashes of a page's inline scripts are added to script-src."""

_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
_OURS = re.compile(r'\s*<meta\s+(?:name="referrer"|http-equiv="Content-Security-Policy")\s+content="[^"]*">')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JAVASCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}


class PolicyError(Exception):
    """A page the policy cannot be put in front of (no <head>, or a script before it would go)."""


def digest(text: str) -> str:
    """A CSP source for this inline text: as the browser hashes it, after the parser made CR LF
    and CR into LF."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(normalised.encode("utf-8")).digest()).decode("ascii") + "'"


def executable(attributes: str) -> bool:
    """Whether a <script> with these attributes runs inline code (not a `src`, not JSON data)."""
    if _SRC.search(attributes):
        return False
    found = _TYPE.search(attributes)
    kind = next((g for g in found.groups() if g is not None), "") if found else ""
    return kind.strip().lower() in _JAVASCRIPT_TYPES


def inline_scripts(html: str) -> list[str]:
    return [body for attributes, body in _SCRIPT.findall(html) if executable(attributes)]


def policy_for(html: str, live_reload: bool = False) -> str:
    """The Content-Security-Policy of one page: POLICY with its inline scripts' hashes."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    if live_reload:
        directives["script-src"].append("'unsafe-inline'")
    else:
        directives["script-src"] += sorted({digest(body) for body in inline_scripts(html)})
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def secured(html: str, live_reload: bool = False, where: str = "page") -> str:
    """The page with the referrer policy and its Content-Security-Policy first in <head> (those
    of an earlier pass replaced)."""
    html = _OURS.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        raise PolicyError(f"{where}: no head element: the policy cannot be set")
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    if re.search(r"<script\b", html[:at], re.IGNORECASE):
        raise PolicyError(f"{where}: a script comes before the head element: the policy would not cover it")
    meta = render("page_policy.html", csp=Markup(policy_for(html, live_reload)))
    return html[:at] + "\n" + str(meta) + html[at:]


def write_policy(output: Path, live_reload: bool = False) -> int:
    """Put the policy in every HTML page of the built site; the number of pages."""
    count = 0
    for page in sorted(output.rglob("*.html")):
        if not page.is_file() or page.is_symlink():
            continue
        html = page.read_text(encoding="utf-8")
        if not _HEAD.search(html):
            continue
        page.write_text(secured(html, live_reload, str(page.relative_to(output))), encoding="utf-8")
        count += 1
    return count
