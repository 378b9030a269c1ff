"""Build settings read from the environment: which province, and which day it is."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

DEFAULT_PROVINCE = "thanh-hoa"
REPO_ROOT = Path(__file__).resolve().parent.parent
NATIONAL = "ca-nuoc"
"""`PROVINCE=ca-nuoc` builds the national site: every province with a data folder, in one site."""


def province() -> str:
    return os.environ.get("PROVINCE") or DEFAULT_PROVINCE


def site_date() -> datetime.date:
    """The day the site is built for: SITE_DATE=YYYY-MM-DD pins it (tests, previews); else today."""
    pinned = os.environ.get("SITE_DATE")
    if not pinned:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(pinned)
    except ValueError:
        raise SystemExit(f"SITE_DATE={pinned!r} is not a date in the form YYYY-MM-DD") from None


def site_url() -> str:
    """The public address of the site (mkdocs.yml reads the same SITE_URL), ending in "/"."""
    url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def data_root(default: Path = REPO_ROOT) -> Path:
    """The folder whose `data/` a build reads: DATA_ROOT=... (e.g. synthetic data in a temp folder), else the repository."""
    return Path(os.environ.get("DATA_ROOT") or default)
