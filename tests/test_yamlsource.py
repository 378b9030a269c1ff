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
