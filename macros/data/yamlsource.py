"""Read YAML data files while remembering the line of every value.

PyYAML keeps the last of two equal keys without a word and forgets where each
value came from. Editors need both: a duplicate key is an error, and every
error must name the line to fix. So we compose the node tree ourselves and
build plain Python values from it, recording a line for each path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000


@dataclass
class DataIssue:
    """One problem in one data file, printed as `file:line: field: problem`."""

    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '(file)'}: {self.problem}"


@dataclass
class SourceDocument:
    """A parsed YAML file: its plain value and the line of every path in it."""

    file: str
    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class DataFileError(Exception):
    def __init__(self, issues: list[DataIssue]):
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # e.g. 2025-02-30 matches YAML's date pattern but is no date; keep the
        # text so that the model reports it against its field.
        return node.value


def _build(loader, node, path: Path_, doc: SourceDocument, issues: list[DataIssue]) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                issues.append(DataIssue(doc.file, line, _dotted(path), f"key {key!r} must be text"))
                continue
            if key in key_lines:
                issues.append(
                    DataIssue(
                        doc.file,
                        line,
                        _dotted(path + (key,)),
                        f"duplicate key (first given on line {key_lines[key]})",
                    )
                )
                continue
            key_lines[key] = line
            result[key] = _build(loader, value_node, path + (key,), doc, issues)
            doc.lines[path + (key,)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc, issues) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def read_yaml(path: Path, display_name: str) -> tuple[SourceDocument, list[DataIssue]]:
    """Parse one YAML file.

    Problems that stop parsing (syntax, encoding) raise DataFileError. Duplicate
    keys are returned beside the document, which keeps the first value, so that
    the rest of the file can still be checked in the same run.
    """
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(
            [DataIssue(display_name, 1, "", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataFileError(
            [DataIssue(display_name, 1, "", "file starts with a byte-order mark (BOM); save as UTF-8 without BOM")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError([DataIssue(display_name, line, "", "file is not valid UTF-8; save it as UTF-8")]) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        if "\t" in indent:
            raise DataFileError([DataIssue(display_name, number, "", "tab used for indentation; use spaces")])
    if getattr(yaml, "__with_libyaml__", False):
        # libyaml composes the same nodes several times faster; a file it refuses is read
        # again below, so that the problem is worded by PyYAML as always.
        doc = SourceDocument(display_name, None)
        issues: list[DataIssue] = []
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                doc.value = _build(loader, node, (), doc, issues)
                return doc, issues
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    doc = SourceDocument(display_name, None)
    issues = []
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFileError([DataIssue(display_name, 1, "", "file is empty")])
        doc.value = _build(loader, node, (), doc, issues)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise DataFileError([DataIssue(display_name, line, "", f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:  # errors without a position
        raise DataFileError([DataIssue(display_name, 1, "", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    return doc, issues
