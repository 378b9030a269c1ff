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
