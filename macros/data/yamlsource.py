"""Read YAML data files while remembering the line of every value, safely.

PyYAML keeps the last of two equal keys without a word and forgets where each
value came from. Editors need both: a duplicate key is an error, and every
error must name the line to fix. So we compose the node tree ourselves and
build plain Python values from it, recording a line for each path.

A data file is untrusted input. Before anything is composed, the reader refuses
what would make it slow, huge or wrong without a word: characters that are not
text (NUL, ESC, a vertical tab pasted from a word processor, non-characters),
anchors and aliases (an alias "bomb" of a few hundred bytes expands to gigabytes,
a self-referencing one never ends), explicit tags, nesting deeper than
MAX_DEPTH and more than MAX_NODES values. While building, it refuses what YAML
1.1 reads differently from what an editor means: `010` is the octal number 8,
`1:30` is 90, `0x10` is 16, and `no` is false where a field wants text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 32
"""Lists and mappings inside each other; the deepest real file needs 8."""
MAX_NODES = 50_000
"""Values (scalars, lists, mappings) in one file; the largest real file has about 3,000."""
MAX_CHARACTER_ISSUES = 10

_NON_CHARACTERS = "".join(chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef" + _NON_CHARACTERS + "]|\r(?!\n)"
)
"""What a data file may not hold anywhere, comments included: control characters other than tab
and line feed (a carriage return only before a line feed), line separators YAML would count as
line breaks, surrogates and non-characters."""


@dataclass
class DataIssue:
    """One problem in one data file, printed as `file:line: field: problem`
    (or `file:line:column: problem` for a character the file may not hold)."""

    file: str
    line: int
    field: str
    problem: str
    column: int | None = None

    def __str__(self) -> str:
        if self.column is not None:
            return f"{self.file}:{self.line}:{self.column}: {self.problem}"
        return f"{self.file}:{self.line}: {self.field or '(file)'}: {self.problem}"


@dataclass
class SourceDocument:
    """A parsed YAML file: its plain value and the line of every path in it."""

    file: str
    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    booleans: dict[Path_, str] = field(default_factory=dict)
    """Where YAML 1.1 read `yes`, `no`, `on` or `off` as a boolean, as written: a field that
    wants text or a number names it in its error (`macros.data.dataset.validate_document`)."""

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


# --- what the file may not hold -------------------------------------------------------------


def _character_words(character: str) -> str:
    code = ord(character)
    if character == "\r":
        return "a carriage return without a line feed: save the file with ordinary line ends"
    if character in "\u2028\u2029\x85":
        return "a line separator: use an ordinary line break"
    if 0xD800 <= code <= 0xDFFF:
        return "a surrogate, not a character"
    if unicodedata.category(character) == "Cc":
        return "a control character, often pasted from a word processor: delete it"
    return "a non-character: delete it"


def character_issues(text: str, display_name: str) -> list[DataIssue]:
    """`file:line:column` of each character the file may not hold (the first few)."""
    issues = []
    for match in _FORBIDDEN_CHARACTER.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        character = text[start]
        issues.append(
            DataIssue(
                display_name,
                line,
                "",
                f"character U+{ord(character):04X} is not allowed ({_character_words(character)})",
                column,
            )
        )
        if len(issues) == MAX_CHARACTER_ISSUES:
            break
    return issues


def _structure_issues(loader_class: type, text: str, display_name: str) -> list[DataIssue]:
    """Walk the file's events (nothing is composed or expanded yet) and refuse what would make
    it large or ambiguous. Raises yaml.YAMLError on a syntax error."""
    loader = None
    try:
        loader = loader_class(text)
        depth = nodes = documents = 0
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return [DataIssue(display_name, line, "", "the file holds a second YAML document (---): use one")]
            elif isinstance(event, yaml.AliasEvent):
                return [
                    DataIssue(
                        display_name,
                        line,
                        "",
                        f"alias *{event.anchor}: anchors and aliases (&name, *name) are not allowed; write each value out in full",
                    )
                ]
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    return [
                        DataIssue(
                            display_name,
                            line,
                            "",
                            f"anchor &{event.anchor}: anchors and aliases (&name, *name) are not allowed; write each value out in full",
                        )
                    ]
                if event.tag is not None and event.tag != "!":
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
                    return [
                        DataIssue(
                            display_name,
                            line,
                            "",
                            f"tag {tag}: YAML tags are not allowed; put the value in quotes if it is text",
                        )
                    ]
                nodes += 1
                if nodes > MAX_NODES:
                    return [DataIssue(display_name, line, "", f"the file holds more than {MAX_NODES:,} values")]
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return [
                            DataIssue(
                                display_name,
                                line,
                                "",
                                f"lists and mappings are nested more than {MAX_DEPTH} deep",
                            )
                        ]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return []
    finally:
        if loader is not None:
            loader.dispose()


# --- building values -----------------------------------------------------------------------

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]*$")


def _number_surprise(written: str, value: Any) -> str | None:
    """Why YAML 1.1 reads `written` as a number the editor did not mean, or None."""
    bare = written.lstrip("+-")
    if "_" in bare:
        return f"{written} is read by YAML as {value!r}: write digits only, without _"
    if ":" in bare:
        return (
            f"{written} is read by YAML 1.1 as the base-60 number {value!r}: put it in quotes if it is a time or text"
        )
    if bare[:2].lower() == "0x":
        return f"{written} is read by YAML as the hexadecimal number {value!r}: write the number in decimal digits, or put it in quotes if it is text"
    if bare[:2].lower() == "0b":
        return f"{written} is read by YAML as the binary number {value!r}: write the number in decimal digits, or put it in quotes if it is text"
    if bare.lower() in (".inf", ".nan"):
        return f"{written} is not a number the site can use"
    if "e" in bare.lower():
        return f"{written} is a number with an exponent: write it in full (digits, a dot for decimals)"
    if isinstance(value, int):
        meant = bare.lstrip("0") or "0"
        return f"{written} is read by YAML 1.1 as the octal number {value!r}: write {meant}, or put {written!r} in quotes if it is text"
    if bare.startswith("."):
        return f"{written}: write a digit before the dot (0.5, not .5)"
    return f"{written}: write the number without leading zeros ({value!r})"


def _scalar(loader, node: yaml.ScalarNode, path: Path_, doc: SourceDocument, issues: list[DataIssue]) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # e.g. 2025-02-30 matches YAML's date pattern but is no date; keep the
        # text so that the model reports it against its field.
        return node.value
    except yaml.YAMLError as exc:
        issues.append(DataIssue(doc.file, node.start_mark.line + 1, _dotted(path), f"YAML error: {exc}"))
        return node.value
    if not node.style:  # plain (libyaml: "", PyYAML: None): YAML 1.1 resolved its type from how it looks
        written = node.value
        if node.tag == _INT and not _PLAIN_INT.match(written) or node.tag == _FLOAT and not _PLAIN_FLOAT.match(written):
            issues.append(
                DataIssue(doc.file, node.start_mark.line + 1, _dotted(path), _number_surprise(written, value) or "")
            )
            return written
        if node.tag == _BOOL and written.lower() not in ("true", "false"):
            doc.booleans[path] = written
    if isinstance(value, str) and len(value) <= _SHARED_TEXT:
        return sys.intern(value)
    return value


_SHARED_TEXT = 64
"""Short texts (types, ids) are kept once however often a file repeats them: the national site's
10,035 former units name "xã", their district and the unit they became thousands of times."""


def _build(loader, node, path: Path_, doc: SourceDocument, issues: list[DataIssue], line: int | None = None) -> Any:
    doc.lines[path] = line or node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = None
            if isinstance(key_node, yaml.ScalarNode):
                written = key_node.value
                if key_node.tag == _BOOL and not key_node.style and written.lower() not in ("true", "false"):
                    issues.append(
                        DataIssue(
                            doc.file,
                            key_line,
                            _dotted(path),
                            f"key {written!r} is read by YAML 1.1 as a boolean: put it in quotes ('{written}')",
                        )
                    )
                    continue
                try:
                    key = loader.construct_object(key_node, deep=True)
                except (ValueError, OverflowError, yaml.YAMLError):
                    key = None
            if not isinstance(key, str):
                issues.append(DataIssue(doc.file, key_line, _dotted(path), f"key {key!r} must be text"))
                continue
            if key in key_lines:
                issues.append(
                    DataIssue(
                        doc.file,
                        key_line,
                        _dotted(path + (key,)),
                        f"duplicate key (first given on line {key_lines[key]})",
                    )
                )
                continue
            key_lines[key] = key_line
            result[key] = _build(loader, value_node, path + (key,), doc, issues, key_line)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc, issues) for i, item in enumerate(node.value)]
    return _scalar(loader, node, path, doc, issues)


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _compose(loader_class: type, text: str, display_name: str) -> tuple[SourceDocument, list[DataIssue]]:
    """The document and the problems found while building it. Raises yaml.YAMLError."""
    doc = SourceDocument(display_name, None)
    issues: list[DataIssue] = []
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            raise DataFileError([DataIssue(display_name, 1, "", "file is empty")])
        doc.value = _build(loader, node, (), doc, issues)
    finally:
        if loader is not None:
            loader.dispose()
    return doc, issues


def _syntax_error(exc: yaml.YAMLError, display_name: str) -> DataFileError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return DataFileError([DataIssue(display_name, line, "", f"YAML syntax error: {problem}")])
    return DataFileError([DataIssue(display_name, 1, "", f"YAML error: {exc}")])


def read_yaml(path: Path, display_name: str) -> tuple[SourceDocument, list[DataIssue]]:
    """Parse one YAML file.

    Problems that stop parsing (syntax, encoding, characters, anchors, size) raise
    DataFileError. Duplicate keys and numbers YAML would misread are returned beside the
    document, which keeps the first value (and the text as written), so that the rest of
    the file can still be checked in the same run.
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
    if found := character_issues(text, display_name):
        raise DataFileError(found)
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        if "\t" in indent:
            raise DataFileError([DataIssue(display_name, number, "", "tab used for indentation; use spaces")])
    # libyaml reads the same events and composes the same nodes several times faster; a file it
    # refuses is read again by PyYAML, so that the problem is worded by PyYAML as always.
    loaders = [yaml.CSafeLoader, yaml.SafeLoader] if getattr(yaml, "__with_libyaml__", False) else [yaml.SafeLoader]
    for loader_class in loaders:
        try:
            if found := _structure_issues(loader_class, text, display_name):
                raise DataFileError(found)
            return _compose(loader_class, text, display_name)
        except yaml.YAMLError as exc:
            if loader_class is loaders[-1]:
                raise _syntax_error(exc, display_name) from None
    raise AssertionError("unreachable")
