"""`python -m macros.cli.build [SITE_DIR]`: check, build strictly elsewhere, then swap.

A failed build never touches the existing site, and a build is published in one step:

- one build at a time per SITE_DIR: a lock file beside it (`.site.lock`, with the builder's
  process id) is held with `flock`, which the system lets go when a process dies, so a
  killed build's lock never blocks the next one;
- what a killed build left (its staging folder `.site.new-*`, a `.site.old`) is cleared
  by the next run, before anything else (an old site moved aside is put back);
- `macros.cli.check` runs first: a build starts only when it finds nothing;
- the site is built into a fresh sibling folder, then exchanged with SITE_DIR in one
  atomic rename (Linux `renameat2(RENAME_EXCHANGE)`): at every moment SITE_DIR is the old
  site or the new one. Where the system cannot exchange, two renames are used, and a
  build killed between them is repaired by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from macros import settings
from macros.cli.check import check
from macros.pipeline.problems import PageProblems

STEP_HOOK: Callable[[str], None] | None = None
"""Called with the name of each step of the swap ("built", "exchanged", "moved-away", "moved-in"):
tests stop the process there (os._exit) to see what a killed build leaves."""


def _step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


ENGINES = ("mkdocs", "zensical")


def engine() -> str:
    """ENGINE=mkdocs (the default) or zensical: which engine turns the rendered pages into HTML."""
    name = os.environ.get("ENGINE") or "mkdocs"
    if name not in ENGINES:
        raise settings.SettingError(f"ENGINE={name!r}: must be one of {', '.join(ENGINES)}")
    return name


def build_site(root: Path, output: Path, config_file: str = "mkdocs.yml") -> None:
    """Build the site into `output` (must not exist) with the engine ENGINE names: the pre step
    (macros.pipeline.pages), the engine, the post step (macros.outputs.writers). Raises on any
    warning or error; PageProblems for pages that fail to render."""
    if engine() == "zensical":
        from macros.engines.zensical import build_site as build_with_zensical

        build_with_zensical(root, output, config_file)
    else:
        from macros.engines.mkdocs import build_site as build_with_mkdocs

        build_with_mkdocs(root, output, config_file)


# --- one build at a time ---------------------------------------------------------------------


class BuildBusy(Exception):
    pass


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """Hold `.<site>.lock` beside SITE_DIR for the whole build; BuildBusy if another build holds it."""
    import fcntl

    path = site_dir.with_name(f".{site_dir.name}.lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise BuildBusy(
                f"{site_dir.name}/: another build (process {holder}) is writing it; wait until it ends, then build again"
            ) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file as we opened it: take the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def _recover(site_dir: Path) -> None:
    """Clear what a killed build left beside SITE_DIR (we hold the lock: no build is running)."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    if old.is_dir() and not old.is_symlink():
        if not site_dir.exists() and not site_dir.is_symlink():
            os.rename(old, site_dir)  # killed between the two renames: the old site goes back
        else:
            shutil.rmtree(old)
    for leftover in site_dir.parent.glob(f".{site_dir.name}.new-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover)


# --- the swap ----------------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot (then nothing moved)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(new: Path, site_dir: Path) -> None:
    """Put the finished build `new` in place of SITE_DIR. Afterwards `new` holds the old site, if any."""
    _step("built")
    if not site_dir.exists():
        os.rename(new, site_dir)
        _step("moved-in")
        return
    if _exchange(new, site_dir):
        _step("exchanged")
        return
    old = site_dir.with_name(f".{site_dir.name}.old")
    os.rename(site_dir, old)
    _step("moved-away")
    os.rename(new, site_dir)
    _step("moved-in")
    os.rename(old, new)


def _failure_words(exc: BaseException) -> str:
    if isinstance(exc, PageProblems):
        return f"{len(exc.problems)} problem(s) in the pages"
    if isinstance(exc, SystemExit | KeyboardInterrupt):  # MkDocs' Abort is a SystemExit with words
        words = str(exc)
        return words if words and not words.lstrip("-").isdigit() else "stopped"
    return f"{type(exc).__name__}: {exc}"


def build_and_swap(root: Path, site_dir: Path, builder=build_site) -> int:
    """Check, build with `builder` (by default the engine ENGINE names) beside SITE_DIR,
    then swap it in. Returns the exit code; every problem is one line on stderr."""
    site_dir = Path(os.path.abspath(site_dir))
    name = site_dir.name
    kept = f"{name}/ was left as it was."
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        print(f"{name}: is not a folder (a link or a file): remove it, then build again", file=sys.stderr)
        return 1
    try:
        with build_lock(site_dir):
            _recover(site_dir)
            problems = (
                settings.problems() or _engine_problems() or check(root, settings.province(), settings.data_root(root))
            )
            if problems:
                for line in problems:
                    print(line, file=sys.stderr)
                print(f"{len(problems)} problem(s): {kept}", file=sys.stderr)
                return 1
            staging = Path(tempfile.mkdtemp(prefix=f".{name}.new-", dir=site_dir.parent))
            try:
                return _build_and_publish(root, site_dir, staging, builder, kept)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except BuildBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or site_dir}: {exc.strerror or exc}; {kept}", file=sys.stderr)
        return 1


def _engine_problems() -> list[str]:
    try:
        engine()
    except settings.SettingError as exc:
        return [str(exc)]
    return []


def _build_and_publish(root: Path, site_dir: Path, staging: Path, builder, kept: str) -> int:
    target = staging / "site"
    try:
        builder(root, target)
    except BaseException as exc:  # mkdocs raises SystemExit/Abort on strict failures
        for problem in exc.problems if isinstance(exc, PageProblems) else []:
            print(problem, file=sys.stderr)
        print(f"Build failed ({_failure_words(exc)}); {kept}", file=sys.stderr)
        if isinstance(exc, KeyboardInterrupt):
            raise
        return 1
    publish(target, site_dir)
    print(f"Built {site_dir} for {settings.province()} on {settings.site_date().isoformat()}.")
    return 0


def stop_on_sigterm() -> None:
    """A build stopped by SIGTERM (a cancelled CI job) ends like one stopped by Ctrl-C: its
    staging folder is removed and SITE_DIR is left as it was."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    stop_on_sigterm()
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    return build_and_swap(settings.REPO_ROOT, site_dir)


if __name__ == "__main__":
    sys.exit(main())
