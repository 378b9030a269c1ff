"""Build settings read from the environment: which province, and which day it is.

Each value is checked before a build uses it: a PROVINCE of `/etc` or `../x` would make a
build read outside data/provinces/, a DATA_ROOT without data/ would fail later with a
traceback. A bad value raises SettingError, whose message names the variable.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_PROVINCE = "thanh-hoa"
REPO_ROOT = Path(__file__).resolve().parent.parent
NATIONAL = "ca-nuoc"
"""`PROVINCE=ca-nuoc` builds the national site: every province with a data folder, in one site."""

_FOLDER_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_SITE_URL = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+")
SITE_URL_MAX = 200
"""Characters at most: the address is printed as a QR code on every sheet and ends each page's links."""
FIRST_SITE_YEAR, LAST_SITE_YEAR = 2000, 2100


class SettingError(ValueError):
    """An environment variable a build cannot use; the message starts with its name and value."""


def check_province(value: str, name: str = "PROVINCE") -> str:
    if not _FOLDER_NAME.fullmatch(value):
        raise SettingError(
            f"{name}={value!r}: must be the name of a folder under data/provinces/ (like {DEFAULT_PROVINCE}), "
            f"or {NATIONAL} for every province"
        )
    return value


def province() -> str:
    return check_province(os.environ.get("PROVINCE") or DEFAULT_PROVINCE)


VIETNAM_TIME = datetime.timezone(datetime.timedelta(hours=7), "Asia/Ho_Chi_Minh")
"""Viet Nam's time (UTC+7 all year): a day checked in Viet Nam is never "tomorrow" on a machine in UTC."""


def utc_now() -> datetime.datetime:
    """The clock (one place, so that a test can stop it at 17:30 UTC)."""
    return datetime.datetime.now(datetime.UTC)


def today_in_vietnam() -> datetime.date:
    """The real day in Viet Nam, whatever SITE_DATE says or the machine's zone is: from 17:00 UTC
    it is already the next day there."""
    return utc_now().astimezone(VIETNAM_TIME).date()


def site_date() -> datetime.date:
    """The day the site is built for: SITE_DATE=YYYY-MM-DD pins it (tests, previews); else today in
    Viet Nam (a build on a machine in UTC at 17:30 publishes the next day, as readers there live it)."""
    pinned = os.environ.get("SITE_DATE")
    if not pinned:
        return today_in_vietnam()
    try:
        day = datetime.date.fromisoformat(pinned)
    except ValueError:
        raise SettingError(f"SITE_DATE={pinned!r}: is not a date in the form YYYY-MM-DD") from None
    if not FIRST_SITE_YEAR <= day.year <= LAST_SITE_YEAR:
        raise SettingError(
            f"SITE_DATE={pinned!r}: is outside the years the site covers ({FIRST_SITE_YEAR}-{LAST_SITE_YEAR})"
        )
    return day


def _given_site_url() -> str | None:
    url = os.environ.get("SITE_URL") or None
    if url is not None and len(url) > SITE_URL_MAX:
        raise SettingError(f"SITE_URL=({len(url):,} characters): too long; an address may have at most {SITE_URL_MAX}")
    if url is not None and not (_SITE_URL.fullmatch(url) and _host_and_port_read(url)):
        raise SettingError(
            f"SITE_URL={url!r}: must be a web address starting with http:// or https://, without spaces or quotes"
        )
    return url


def _host_and_port_read(url: str) -> bool:
    """Whether the address has a host and, if any, a port from 1 to 65535 ("http://[::1" has neither)."""
    try:
        parts = urlsplit(url)
        return bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


def is_local_address(url: str) -> bool:
    """An address only this machine or its network reaches: loopback (127.0.0.1, ::1, localhost),
    unspecified (0.0.0.0), private or link-local ranges, a name without a dot or ending in .local."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host or host.endswith((".localhost", ".local", ".internal"))
    return ip.is_loopback or ip.is_unspecified or ip.is_private or ip.is_link_local


def site_url() -> str | None:
    """The site's public address, SITE_URL, ending in "/" (the one place it is read: the engines give
    it to MkDocs and Zensical as `site_url`). None when it is not set or is a local address (a build
    for `make serve` or a test): then no page, printed sheet or feed carries a link, QR code or
    canonical address to it, and the pages say once that the address is not set."""
    url = _given_site_url()
    if url is None or is_local_address(url):
        return None
    return url if url.endswith("/") else url + "/"


def publishing_problem() -> str | None:
    """Why SITE_URL cannot be a published site's address (the publishing workflow runs
    `python -m macros.cli.site_address`, which refuses to go on), None when it can."""
    try:
        url = _given_site_url()
    except SettingError as exc:
        return str(exc)
    if url is None:
        return "SITE_URL is not set: a published site needs its public address (e.g. https://example.github.io/site/)"
    if is_local_address(url):
        return f"SITE_URL={url!r}: is a local address; a published site needs its public address"
    return None


def data_root(default: Path = REPO_ROOT) -> Path:
    """The folder whose `data/` a build reads: DATA_ROOT=... (e.g. synthetic data in a temp folder), else the repository."""
    given = os.environ.get("DATA_ROOT")
    if not given:
        return Path(default)
    root = Path(given)
    if not (root / "data").is_dir():
        raise SettingError(f"DATA_ROOT={given!r}: is not a folder with a data/ folder in it")
    return root


def problems() -> list[str]:
    """What is wrong with the environment, one line per variable (empty when a build can use it)."""
    found = []
    for read in (province, site_date, site_url, data_root):
        try:
            read()
        except SettingError as exc:
            found.append(str(exc))
    return found
