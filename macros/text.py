"""Vietnamese text folding: the one place in Python that turns "Đông Sơn" into "dong son".

The site's scripts fold with docs/assets/core.js (qd22.fold, foldWords); tests/scenarios/folding.yaml
holds both to the same answers (đ, tones, NFD input, apostrophes, hyphens, spaces)."""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile("[\u0300-\u036f]")
APOSTROPHES = re.compile("['\u2018\u2019\u02bc`\u00b4]")


def fold(text: str) -> str:
    """Lower case without tones or marks (the combining marks U+0300-U+036F, as core.js removes
    them); `đ` becomes `d` (Unicode decomposition leaves it)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def fold_words(text: str) -> str:
    """Folded words, punctuation gone, an apostrophe (straight or curly) joining: 'Xã Ea H’leo' ->
    'xa ea hleo' (core.js foldWords)."""
    return " ".join(re.findall(r"[a-z0-9]+", APOSTROPHES.sub("", fold(text))))


def slugify(text: str, separator: str = "-") -> str:
    """An ASCII slug for ids and heading anchors: "Điều kiện vay" -> "dieu-kien-vay"."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return separator.join(words)


def toc_slugify(value: str, separator: str) -> str:
    """Signature expected by Python-Markdown's `toc` extension."""
    return slugify(value, separator)


_VI_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VI_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VI_MARKED = {
    "\u0306": {"a": "ă"},  # breve
    "\u0302": {"a": "â", "e": "ê", "o": "ô"},  # circumflex
    "\u031b": {"o": "ơ", "u": "ư"},  # horn
}


def vi_sort_key(text: str) -> tuple:
    """Vietnamese alphabetical order: a ă â b c d đ e ê …, words before longer words, then the tones.

    Python's own order puts "Đông" after "Yên" and mixes "Ân" among "An…"; lists people scan by
    name (the check's communes) sort with this key instead."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _VI_TONES:
            if tones:
                tones[-1] = _VI_TONES.index(char) + 1
        elif char in _VI_MARKED:
            base = _VI_LETTERS[letters[-1]] if letters and 0 <= letters[-1] < len(_VI_LETTERS) else ""
            if base in _VI_MARKED[char]:
                letters[-1] = _VI_LETTERS.index(_VI_MARKED[char][base])
        elif not unicodedata.combining(char):
            letters.append(-1 if char.isspace() else _VI_LETTERS.find(char) if char in _VI_LETTERS else 100 + ord(char))
            tones.append(0)
    return tuple(letters), tuple(tones)
