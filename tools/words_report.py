"""`python -m tools.words_report [ROOT]`: the Vietnamese sentences a reader may see that live in code.

Words a reader sees belong in templates or data (issue 21); this counts what is left in the
Python of `macros/render`, `macros/outputs`, `macros/rules` and `macros/pipeline` and in the site's scripts
(`docs/assets/*.js`), so progress is measured, not guessed.

What counts as one sentence: one string literal (an f-string is one literal, its placeholders
read as "…") holding at least two words of which one is written with a Vietnamese letter
(ă â đ ê ô ơ ư or a tone mark). Not counted: docstrings and other bare string statements,
comments, regular expressions (the words a reader types), strings in a `raise` statement or given to an exception (error texts for editors,
which are English), and strings that are only names of things (a single word, a file name).

`--list` prints each sentence with its file and line; `--json` one line of JSON. ROOT defaults
to the repository; any folder with the same layout works (e.g. an exported older commit).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DIRS = ("macros/render", "macros/outputs", "macros/rules", "macros/pipeline")
SCRIPTS = "docs/assets"

_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Sentence:
    file: str
    line: int
    words: str


_PATTERN = re.compile(r"\\[sbdw]|\(\?:|\w\|\w")
"""A regular expression (`\\s*tháng`, `(?:ngày|mùng)`, `triệu|tr`): words a reader types, not reads."""


def is_sentence(value: str) -> bool:
    return bool(_VIETNAMESE.search(value)) and len(_WORD.findall(value)) >= 2 and not _PATTERN.search(value)


# --- Python ------------------------------------------------------------------------


def _bare_strings(tree: ast.AST) -> set[int]:
    """Ids of string constants that are statements of their own (docstrings, attribute docs)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def _error_strings(tree: ast.AST) -> set[int]:
    """Ids of every node inside a `raise` or inside a call of a name ending in Error/Exception."""
    found: set[int] = set()
    for node in ast.walk(tree):
        inside = isinstance(node, ast.Raise)
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            inside = name.endswith(("Error", "Exception", "Issue"))
        if inside:
            found.update(id(child) for child in ast.walk(node))
    return found


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    return None


def python_sentences(path: Path, display: str) -> list[Sentence]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _bare_strings(tree) | _error_strings(tree)
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in inner:
            continue
        value = _literal_text(node)
        if value is not None and is_sentence(value):
            found.append(Sentence(display, node.lineno, " ".join(value.split())))
    return sorted(found, key=lambda s: s.line)


# --- scripts -----------------------------------------------------------------------

_JS_TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
      | (?P<regex>(?<=[(,=:!&|?;{}\[\n])\s*/(?![/*])(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*)
    """,
    re.DOTALL | re.VERBOSE,
)


def script_sentences(path: Path, display: str) -> list[Sentence]:
    source = path.read_text(encoding="utf-8")
    found = []
    for match in _JS_TOKEN.finditer(source):
        if match["string"] is None:
            continue
        value = re.sub(r"\$\{[^}]*\}", "…", match["string"][1:-1])
        if is_sentence(value):
            line = source.count("\n", 0, match.start()) + 1
            found.append(Sentence(display, line, " ".join(value.split())))
    return found


def collect(root: Path) -> dict[str, list[Sentence]]:
    python = []
    for folder in PYTHON_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            python += python_sentences(path, path.relative_to(root).as_posix())
    scripts = []
    for path in sorted((root / SCRIPTS).glob("*.js")):
        scripts += script_sentences(path, path.relative_to(root).as_posix())
    return {"python": python, "scripts": scripts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.words_report")
    parser.add_argument("root", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--list", action="store_true", help="print every sentence with its file and line")
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    args = parser.parse_args(argv)
    found = collect(args.root)
    if args.json:
        print(json.dumps({kind: len(items) for kind, items in found.items()}))
        return 0
    for kind, items in found.items():
        by_file: dict[str, int] = {}
        for item in items:
            by_file[item.file] = by_file.get(item.file, 0) + 1
        print(f"{kind}: {len(items)} sentences")
        for file, count in sorted(by_file.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {count:4}  {file}")
        if args.list:
            for item in items:
                print(f"    {item.file}:{item.line}: {item.words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
