"""The site's scripts hold no words a reader sees: every word is the page's, in a <template
id="...-words"> of the templates (macros/render/templates/*_words.html), and every word a script asks
for is there.

A Vietnamese sentence is found by its letters: a letter with a Vietnamese diacritic (or đ) anywhere
in a script but its comments, in a string, a template literal, a regular expression or a name.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import REPO
from .node_rules import page_words

ASSETS = REPO / "docs" / "assets"
SCRIPTS = sorted(ASSETS.glob("*.js"))

VIETNAMESE = re.compile("[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
"""The letters of Vietnamese that ASCII lacks, in both cases (NFC), đ and Đ included."""

_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}


def code_without_comments(source: str) -> str:
    """The script with its comments blanked out (line breaks kept), strings, template literals and
    regular expressions left as they are."""
    out: list[str] = []
    i, n = 0, len(source)
    last = ""  # the last character of code that is not a space: tells a regular expression from a division
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", source[i:end]))
            i = end
        elif c in "'\"`" or (c == "/" and (last in _REGEX_AFTER or re.search(r"\breturn\s*$", "".join(out[-3:])))):
            j = i + 1
            in_class = False
            while j < n:
                if source[j] == "\\":
                    j += 2
                    continue
                if c == "/" and source[j] == "[":
                    in_class = True
                elif c == "/" and source[j] == "]":
                    in_class = False
                elif source[j] == c and not in_class:
                    break
                j += 1
            out.append(source[i : j + 1])
            i = j + 1
            last = c
        else:
            out.append(c)
            if not c.isspace():
                last = c
            i += 1
    return "".join(out)


def vietnamese_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of each line whose code (not its comments) holds a Vietnamese letter."""
    code = code_without_comments(source)
    return [(number, line.strip()) for number, line in enumerate(code.splitlines(), 1) if VIETNAMESE.search(line)]


def test_the_scanner_finds_a_sentence_and_skips_comments():
    source = '/* "Xin chào" */\nvar a = "Tìm thấy";  // "Xin chào"\nvar b = x / 2 / 3, c = /đ/g, d = `Số ${b}`;\n'
    assert vietnamese_in(source) == [(2, 'var a = "Tìm thấy";'), (3, "var b = x / 2 / 3, c = /đ/g, d = `Số ${b}`;")]
    assert vietnamese_in("var a = 'Dia chi'; /* Địa chỉ */ var b = 'x'; // Đ\n") == []
    assert vietnamese_in('var re = /"/, s = "Đ";') == [(1, 'var re = /"/, s = "Đ";')]
    assert vietnamese_in('return /[/]/.test(x) ? "a" : "Ă";') == [(1, 'return /[/]/.test(x) ? "a" : "Ă";')]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_vietnamese_in_the_scripts(script):
    found = vietnamese_in(script.read_text(encoding="utf-8"))
    assert found == [], f"{script.name}: words a reader sees belong in the page's words blocks"


def test_the_scripts_once_held_sentences():
    """The scan is not empty-handed: the scripts as they were before issue 21 (commit f77c51e) held
    128 lines of Vietnamese words in their code."""
    found = 0
    for script in SCRIPTS:
        try:
            old = subprocess.run(
                ["git", "show", f"f77c51e:docs/assets/{script.name}"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (subprocess.CalledProcessError, FileNotFoundError):
            continue
        found += len(vietnamese_in(old))
    if not found:
        pytest.skip("no git history here")
    assert found >= 120


# --- every word a script asks for is in its page's words -------------------------------------------

_SAY = re.compile(r"\bsay(?:\.parts)?\(")
_BOOK = re.compile(r"""words\("([a-z0-9-]+)"\)""")
_LITERAL = re.compile(r'"([^"\\]*)"')


def _first_argument(code: str, start: int) -> str:
    depth, i = 0, start
    while i < len(code):
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            break
        elif c == '"':
            i = code.index('"', i + 1)
        i += 1
    return code[start:i]


def asked_words(source: str) -> tuple[str, set[str], set[str]]:
    """The words block a script reads (its template id), the keys it asks for by name, and the
    beginnings of keys it builds ("group-" + status)."""
    code = code_without_comments(source)
    books = set(_BOOK.findall(code))
    assert len(books) <= 1, books
    keys, prefixes = set(), set()
    for match in _SAY.finditer(code):
        argument = _first_argument(code, match.end())
        for literal in _LITERAL.finditer(argument):
            before, after = argument[: literal.start()].rstrip(), argument[literal.end() :].lstrip()
            if before.endswith(("==", "!=")) or after.startswith(("==", "!=")):
                continue  # a value compared, not a key
            (prefixes if after.startswith("+") else keys).add(literal.group(1))
    return (books.pop() if books else ""), keys, prefixes


@pytest.mark.parametrize(
    "script",
    [p for p in SCRIPTS if _BOOK.search(code_without_comments(p.read_text(encoding="utf-8")))],
    ids=lambda p: p.name,
)
def test_every_word_a_script_asks_for_is_in_the_page(script):
    book, keys, prefixes = asked_words(script.read_text(encoding="utf-8"))
    words = page_words()
    assert book in words, f"{script.name} reads <template id={book!r}>, which no *_words.html template renders"
    assert keys, script.name
    assert sorted(keys - set(words[book])) == [], f"{script.name}: words asked for that #{book} lacks"
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in words[book]), (script.name, prefix)


def test_words_asked_are_found_as_written():
    """The reader of keys itself, on a script as the tools write them."""
    source = 'var say = core.words("x-words");\nsay("a"); say(b ? "c" : "d", { n: 1 }); say.parts("e-" + k, {});\n'
    source += 'say(kind === "money" ? "f" : "g");\n'
    assert asked_words(source) == ("x-words", {"a", "c", "d", "f", "g"}, {"e-"})


# --- today -------------------------------------------------------------------------------------------


def test_only_core_reads_the_clock():
    """Every tool counts today as core.js today() does, in Asia/Ho_Chi_Minh (tests/test_tools_browser.py
    fakes the clock at 17:30 UTC): no other script reads the clock or a date's parts itself."""
    clock = re.compile(
        r"new Date\b|Date\.(now|UTC|parse)\b|\.(getDate|getDay|getMonth|getFullYear|toISOString|toLocaleDateString)\("
    )
    for script in SCRIPTS:
        found = [m.group(0) for m in clock.finditer(code_without_comments(script.read_text(encoding="utf-8")))]
        assert found == (["new Date"] if script.name == "core.js" else []), script.name
    assert 'timeZone: "Asia/Ho_Chi_Minh"' in (ASSETS / "core.js").read_text(encoding="utf-8")
