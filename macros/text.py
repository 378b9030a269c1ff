"""Vietnamese text folding: the one place that turns "Đông Sơn" into "dong son"."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics; `đ` becomes `d` (Unicode decomposition leaves it)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


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
