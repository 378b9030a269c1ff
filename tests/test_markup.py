"""macros/render/markup.py: the one place that makes markup, and its templates."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import jinja2
import pytest

from macros.render import markup
from tools import words_report

from .conftest import REPO

HOSTILE = "<img src=x onerror=\"alert(1)\"> & 'quoted'"


def test_data_in_a_template_is_escaped_as_html_escape_does():
    out = markup.link_html(HOSTILE, 'x.html?a=1&b="2"')
    assert out == (
        '<a href="x.html?a=1&amp;b=&quot;2&quot;">'
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;quoted&#x27;</a>"
    )


def test_fragments_made_here_are_not_escaped_twice():
    inner = markup.link_html("Điều 3", "../van-ban-phap-ly/#qd")
    assert markup.render("link.html", label=inner, href="#") == f'<a href="#">{inner}</a>'
    assert markup.uncertain_html(HOSTILE, "x.md").endswith(
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;quoted&#x27;"
    )


def test_a_missing_template_value_is_an_error():
    with pytest.raises(jinja2.UndefinedError):
        markup.render("link.html", label="x")


def test_json_for_a_script_cannot_close_it():
    hostile = "</script><script>alert(1)</script> <!--<script> & more"
    out = markup.json_script("d", {"text": hostile})
    assert out.count("</script>") == 1 and out.endswith("</script>")
    assert out.count("<") == 2  # the element's own tags: no "<" of the data is left to start a tag or a comment
    body = out.removeprefix('<script type="application/json" id="d">').removesuffix("</script>")
    assert json.loads(body) == {"text": hostile}


def test_markdown_text_is_one_line_and_starts_no_block():
    assert markup.text("a\n\n# b\n===\n- c") == "a \\# b === - c"
    assert markup.text("- a") == "\\- a" and markup.text("+ a") == "\\+ a" and markup.text("1986. Năm") == "1986\\. Năm"
    assert markup.paragraphs("Một.\nHai.\n\n  Ba.  \n") == ["Một.\nHai.", "Ba."]


def test_markdown_text_stays_inert():
    assert markup.text("*a* [b](c) <i>") == "\\*a\\* \\[b\\](c) &lt;i&gt;"
    label = '<a class="doubt doubt--unverified" href="../../ve-nguon-tin/#chua-xac-minh">chưa xác minh</a>'
    assert markup.unknown("bat-dau/x.md") == label
    # what to do: plain words are made inert by the template layer; a fragment made here stays as it is
    assert markup.unknown("bat-dau/x.md", "hỏi [xã]") == f"{label} — hỏi \\[xã\\]"
    assert markup.unknown("bat-dau/x.md", markup.link("xã", "https://x.vn")) == f"{label} — [xã](https://x.vn)"


def test_markdown_fragments_escape_whatever_joins_them():
    """`Md`: a fragment made by the template layer; plain text put beside it never becomes markup."""
    fragment = markup.link("a", "https://x.vn")
    assert fragment + " *b* <i>" == "[a](https://x.vn) \\*b\\* &lt;i&gt;"
    assert markup.Md("; ").join(["[x](y)", fragment]) == "\\[x\\](y); [a](https://x.vn)"
    assert markup.Md("%s!") % "_z_" == "\\_z\\_!"


HOSTILE_MD = "*b* [l](javascript:x) <img src=x onerror=alert(1)> {{ 7*7 }} # h\n- item"


def test_every_value_a_markdown_template_writes_is_inert():
    """A `.md` template escapes each value it writes, whoever calls it: no caller remembers `text()`."""
    from macros.data.site import current_site

    data = current_site().data
    document = data.documents["qd-22-2023"].model_copy(update={"note": HOSTILE_MD, "subject": HOSTILE_MD})
    entry = {"document": document, "ended_from": None, "replaced": []}
    out = markup.markdown(
        "facts.md", "library_entry", {"data": data, "on": current_site().on, "from_page": "x.md"}, entry
    )
    assert HOSTILE_MD not in out and "<img" not in out and "{{" not in out
    assert markup.text(HOSTILE_MD) in out  # the subject and the note, each once, as text
    assert out.count(markup.text(HOSTILE_MD)) == 2


def test_a_markdown_template_joins_items_as_text():
    """Jinja's own `join` escapes items as HTML only when one is markup; the Markdown templates' makes each inert."""
    template = markup._MARKDOWN.from_string("{{ items|join(', ') }}")
    out = template.render(items=[markup.link("a", "https://x.vn"), HOSTILE_MD])
    assert out == "[a](https://x.vn), " + markup.text(HOSTILE_MD)


def test_each_label_of_doubt_has_one_wording_one_class_and_its_explanation():
    uncertain = markup.uncertain_mark("index.md")
    assert uncertain == '<a class="doubt doubt--uncertain" href="ve-nguon-tin/#chua-chac-chan">chưa chắc chắn</a>'
    assert markup.uncertain_label("vì sao *x*", "index.md") == f"{uncertain}: vì sao \\*x\\*"
    assert markup.uncertain_html("vì sao <x>", "index.md") == f"{uncertain}: vì sao &lt;x&gt;"
    assert markup.uncertain_words("vì sao") == "Chưa chắc chắn: vì sao"
    assert {markup.DOUBT[k]["words"] for k in markup.DOUBT} == {markup.UNCERTAIN, markup.UNVERIFIED}


def test_templates_are_found_from_any_working_directory(tmp_path):
    code = "from macros.render import markup; print(markup.uncertain_mark('index.md'))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        out.stdout.strip() == '<a class="doubt doubt--uncertain" href="ve-nguon-tin/#chua-chac-chan">chưa chắc chắn</a>'
    )


def _strings(tree: ast.AST):
    """Every string literal and f-string part of a module, docstrings left out."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


@pytest.mark.parametrize("layer", ["render", "outputs", "pipeline"])
def test_no_sentence_is_written_in_python(layer):
    """Words a reader sees live in macros/render/templates/ (or data): tools/words_report.py finds none here."""
    found = [
        f"{s.file}:{s.line}: {s.words}"
        for path in sorted((REPO / "macros" / layer).rglob("*.py"))
        for s in words_report.python_sentences(path, str(path.relative_to(REPO)))
    ]
    assert found == [], "Words belong in macros/render/templates/:\n" + "\n".join(found)


def test_the_words_report_sees_a_sentence(tmp_path):
    """The check above can fail: a sentence in an f-string is found, a docstring or an error text is not."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        '"""Tài liệu của mô-đun."""\n'
        'def f(x):\n    """Không đếm."""\n    if not x:\n        raise KeyError(f"không có {x}")\n'
        '    return f"Lãi suất {x} một năm."\n',
        encoding="utf-8",
    )
    assert [s.line for s in words_report.python_sentences(probe, "probe.py")] == [6]


@pytest.mark.parametrize("layer", ["render", "outputs", "shell"])
def test_no_html_is_built_in_python_strings(layer):
    tag = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")
    found = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in sorted((REPO / "macros" / layer).rglob("*.py"))
        for line, value in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if tag.search(value)
    ]
    assert found == [], "HTML belongs in macros/render/templates/:\n" + "\n".join(found)
