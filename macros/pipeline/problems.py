"""A page that fails to render names its page, line and macro, never a Python traceback.

`make check-data` (macros.cli.check) refuses first what it can see in the pages: unknown
ids, unknown macros, a fact with no value in force. Whatever fails only while a page is
rendered (macros.pipeline.pages) becomes one `PageProblem`,
`docs/<page>:<line>: <macro>: <problem>`; the pre step raises every problem of the build at once
(`PageProblems`), and `make build` prints them one a line.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass


@dataclass(frozen=True)
class PageProblem:
    page: str
    line: int
    macro: str
    problem: str

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}: {self.macro}: {self.problem}"


class PageProblems(Exception):
    """Every page of a build that could not be rendered."""

    def __init__(self, problems: list[PageProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class MacroFailed(Exception):
    """A macro's own failure, named after the macro (the pre step wraps each macro)."""

    def __init__(self, macro: str, cause: BaseException):
        super().__init__(problem_words(cause))
        self.macro = macro


def problem_words(exc: BaseException) -> str:
    """An exception as an editor reads it: KeyError's quotes and the class name dropped."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


def _is_template_file(name: str) -> bool:
    """Jinja names the code of a template made from a string "<template>" (Python's own: "<frozen ...>")."""
    return name.startswith("<") and name.endswith(">") and not name.startswith("<frozen")


def template_line(error: BaseException) -> int:
    """The line of the template being rendered when `error` was raised (Jinja rewrites its
    traceback so that a template's frames carry the template's own lines)."""
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
    return line or 1


def page_problem(page: str, error: BaseException, first_line: int) -> PageProblem:
    """`error`, raised while the body of `page` (starting at line `first_line` of its file) rendered."""
    line = template_line(error) + first_line - 1
    if isinstance(error, MacroFailed):
        return PageProblem(page, line, error.macro, str(error))
    return PageProblem(page, line, "(page)", f"{type(error).__name__}: {problem_words(error)}")
