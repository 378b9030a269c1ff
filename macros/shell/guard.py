"""A macro that fails names its page, line and macro, never a Python traceback.

`make check-data` (macros.cli.check) refuses first what it can see in the pages: unknown
ids, unknown macros, a fact with no value in force. Whatever fails only while a page is
rendered is caught here: the macro's error becomes one `PageProblem`,
`docs/<page>:<line>: <macro>: <problem>`, kept in PROBLEMS for the build to print, and
mkdocs-macros prints that line instead of its traceback.
"""

from __future__ import annotations

import functools
import sys
import traceback
from dataclasses import dataclass
from typing import Any


@dataclass
class PageProblem(Exception):
    page: str
    line: int | None
    macro: str
    problem: str

    def __str__(self) -> str:
        where = f"docs/{self.page}:{self.line}" if self.line else f"docs/{self.page}:1"
        return f"{where}: {self.macro}: {self.problem}"


PROBLEMS: list[PageProblem] = []
"""Every macro failure of this process's builds, in order; `macros.cli.build` prints and clears them."""


def _format_page_problem(error: PageProblem, markdown: str, page: Any) -> str:
    return str(error)


def _front_matter_lines(page: Any, markdown: str) -> int:
    source = getattr(getattr(page, "file", None), "content_string", None) or ""
    return source[: len(source) - len(markdown)].count("\n") if markdown and source.endswith(markdown) else 0


def _is_template_file(name: str) -> bool:
    """Jinja names the code of a template made from a string "<template>" (Python's own: "<frozen ...>")."""
    return name.startswith("<") and name.endswith(">") and not name.startswith("<frozen")


def _format_other_error(error: Exception, markdown: str, page: Any) -> str:
    """Any other failure while a page is rendered (an undefined variable, a syntax error), in one line."""
    line = getattr(error, "lineno", None)
    if line is None:
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if _is_template_file(frame.filename)
            ),
            None,
        )
    line = (line or 1) + _front_matter_lines(page, markdown)
    problem = PageProblem(page.file.src_uri, line, "(page)", f"{type(error).__name__}: {problem_words(error)}")
    PROBLEMS.append(problem)
    return str(problem)


try:  # mkdocs-macros words an error with its traceback; ours is one line. (Zensical has its own shim.)
    from jinja2 import TemplateSyntaxError
    from mkdocs_macros.errors import format_error

    format_error.register(PageProblem)(_format_page_problem)
    format_error.register(Exception)(_format_other_error)
    format_error.register(TemplateSyntaxError)(_format_other_error)
except ImportError:
    pass


def build_error(message: str) -> Exception:
    """An error MkDocs prints as its message alone (no traceback); Zensical has no MkDocs."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:
        return RuntimeError(message)
    return PluginError(message)


def problem_words(exc: BaseException) -> str:
    """An exception as an editor reads it: KeyError's quotes and the class name dropped."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


def _template_line(page_source: str | None, markdown: str | None) -> int | None:
    """The line of the page (in its source file, front matter included) being rendered now."""
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(frame.f_lineno)
            if page_source and markdown and page_source.endswith(markdown):
                line += page_source[: len(page_source) - len(markdown)].count("\n")
            return line
        frame = frame.f_back
    return None


class GuardedEnv:
    """The mkdocs-macros env, whose `macro` registers each function wrapped by the guard."""

    def __init__(self, env: Any, page: Any):
        self._env = env
        self._page = page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def macro(self, function, name: str = ""):
        page_path = self._page
        env = self._env

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except PageProblem:
                raise
            except Exception as exc:
                file = getattr(getattr(env, "page", None), "file", None)
                source = getattr(file, "content_string", None) if file is not None else None
                markdown = getattr(getattr(env, "page", None), "markdown", None)
                problem = PageProblem(
                    page_path(), _template_line(source, markdown), name or function.__name__, problem_words(exc)
                )
                PROBLEMS.append(problem)
                raise problem from None

        if name:
            self._env.macro(guarded, name)
        else:
            self._env.macro(guarded)
        return guarded
