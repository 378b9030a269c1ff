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
    assert markup.unknown("bat-dau/x.md", markup.text("hỏi [xã]")) == f"{label} — hỏi \\[xã\\]"


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
