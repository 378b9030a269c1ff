"""`python -m macros.cli.site_address`: refuse to publish without the site's public address.

The publishing workflow (.github/workflows/site.yml) runs it before the build, with the SITE_URL
the build will use: exit 1 and one line when SITE_URL is missing, malformed or a local address
(127.0.0.1, localhost, a private range), so that no published page, printed QR code or calendar
subscription points at a machine nobody else reaches. Needs nothing but the standard library.
"""

from __future__ import annotations

import sys

from macros import settings


def main() -> int:
    problem = settings.publishing_problem()
    if problem:
        print(f"site address: {problem}", file=sys.stderr)
        return 1
    print(f"site address: {settings.site_url()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
