from pathlib import Path

import pytest

from macros.data.yamlsource import DataFileError, read_yaml


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def only_issue(path: Path):
    with pytest.raises(DataFileError) as caught:
        read_yaml(path, "data/x.yaml")
    assert len(caught.value.issues) == 1
    return caught.value.issues[0]


def test_lines_are_recorded_for_every_path(tmp_path):
    doc, issues = read_yaml(write(tmp_path, "items:\n  - id: a\n    name: A\n  - id: b\n"), "data/x.yaml")
    assert issues == []
    assert doc.value == {"items": [{"id": "a", "name": "A"}, {"id": "b"}]}
    assert doc.line_of(("items", 0, "name")) == 3
    assert doc.line_of(("items", 1, "id")) == 4
    assert doc.line_of(("items", 1, "missing")) == 4  # falls back to the record


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    doc, issues = read_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\n"), "data/x.yaml")
    assert [str(i) for i in issues] == ["data/x.yaml:3: a: duplicate key (first given on line 1)"]
    assert doc.value["a"] == 1


def test_syntax_error_names_its_line(tmp_path):
    issue = only_issue(write(tmp_path, "a: 1\nb: [unclosed\nc: 2\n"))
    assert issue.file == "data/x.yaml" and issue.line in (2, 3) and "YAML syntax error" in issue.problem


def test_tab_indentation_is_refused(tmp_path):
    issue = only_issue(write(tmp_path, "a:\n\tb: 1\n"))
    assert (issue.line, "tab" in issue.problem) == (2, True)


def test_bom_and_non_utf8_and_empty_files_are_refused(tmp_path):
    assert "byte-order mark" in only_issue(write(tmp_path, b"\xef\xbb\xbfa: 1\n")).problem
    assert "UTF-8" in only_issue(write(tmp_path, "a: 1\nb: Thanh H\xf3a\n".encode("latin-1"))).problem
    assert only_issue(write(tmp_path, "")).problem == "file is empty"
    assert only_issue(write(tmp_path, "# only a comment\n")).problem == "file is empty"


def test_impossible_date_is_kept_as_text_for_the_model_to_reject(tmp_path):
    doc, issues = read_yaml(write(tmp_path, "d: 2025-02-30\ne: 2025-02-28\n"), "data/x.yaml")
    assert doc.value["d"] == "2025-02-30"
    assert str(doc.value["e"]) == "2025-02-28"


# --- a hostile or careless file: refused before anything is expanded --------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    "text, line, words",
    [
        (ALIAS_BOMB, 1, "anchor &a: anchors and aliases (&name, *name) are not allowed"),
        ("a: &a [*a]\n", 1, "anchor &a"),
        ("a: 1\nb: *a\n", 2, "alias *a"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nested more than 32 deep"),
        ("a: [" + ", ".join(["1"] * 60_000) + "]\n", 1, "more than 50,000 values"),
        ("a: !!python/object:os.system x\n", 1, "YAML tags are not allowed"),
        ("a: 1\n---\na: 2\n", 2, "second YAML document"),
    ],
)
def test_structures_that_would_explode_are_refused_before_expansion(tmp_path, text, line, words):
    import time

    started = time.perf_counter()
    issue = only_issue(write(tmp_path, text))
    assert time.perf_counter() - started < 5
    assert (issue.line, words in issue.problem) == (line, True), issue


@pytest.mark.parametrize(
    "character, name",
    [
        ("\x00", "NUL"),
        ("\x1b", "ESC"),
        ("\x0b", "vertical tab"),
        ("\ufffe", "non-character"),
        ("\u2028", "line separator"),
    ],
)
def test_characters_that_are_not_text_are_named_by_line_and_column(tmp_path, character, name):
    with pytest.raises(DataFileError) as caught:
        read_yaml(write(tmp_path, f"a: ok\nb: Thanh H{character}óa\n"), "data/x.yaml")
    assert [str(i) for i in caught.value.issues] == [
        f"data/x.yaml:2:11: character U+{ord(character):04X} is not allowed ({_words(character)})"
    ], name


def _words(character: str) -> str:
    from macros.data.yamlsource import _character_words

    return _character_words(character)


@pytest.mark.parametrize(
    "written, message",
    [
        ("010", "010 is read by YAML 1.1 as the octal number 8: write 10, or put '010' in quotes if it is text"),
        ("0120", "0120 is read by YAML 1.1 as the octal number 80: write 120, or put '0120' in quotes if it is text"),
        ("1:30", "1:30 is read by YAML 1.1 as the base-60 number 90: put it in quotes if it is a time or text"),
        ("0x10", "0x10 is read by YAML as the hexadecimal number 16"),
        ("1_000", "1_000 is read by YAML as 1000: write digits only, without _"),
        ("1.0e-300", "1.0e-300 is a number with an exponent"),
        (".inf", ".inf is not a number the site can use"),
    ],
)
def test_numbers_yaml_1_1_misreads_are_errors_with_a_hint(tmp_path, written, message):
    doc, issues = read_yaml(write(tmp_path, f"a: 1\nb: {written}\n"), "data/x.yaml")
    assert len(issues) == 1 and str(issues[0]).startswith(f"data/x.yaml:2: b: {message}"), issues
    assert doc.value["b"] == written  # kept as written, so that nothing else reads the wrong number


def test_plain_numbers_quoted_text_and_true_false_read_as_written(tmp_path):
    doc, issues = read_yaml(write(tmp_path, 'a: 10\nb: 6.24\nc: "010"\nd: true\ne: -3\nf: 0\n'), "data/x.yaml")
    assert issues == [] and doc.value == {"a": 10, "b": 6.24, "c": "010", "d": True, "e": -3, "f": 0}


def test_yes_no_on_off_are_remembered_for_the_model_to_name(tmp_path):
    doc, issues = read_yaml(write(tmp_path, "a: no\nb: [yes, off]\n"), "data/x.yaml")
    assert issues == [] and doc.booleans == {("a",): "no", ("b", 0): "yes", ("b", 1): "off"}
    _, issues = read_yaml(write(tmp_path, "on: 1\n"), "data/x.yaml")
    assert [str(i) for i in issues] == [
        "data/x.yaml:1: (file): key 'on' is read by YAML 1.1 as a boolean: put it in quotes ('on')"
    ]


def test_a_syntax_error_is_worded_by_pyyaml_with_its_line(tmp_path):
    issue = only_issue(write(tmp_path, "a: [1, 2\nb: 3\n"))
    assert str(issue).startswith("data/x.yaml:2: (file): YAML syntax error: while parsing a flow sequence")
