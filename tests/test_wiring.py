"""The registry only wires: every macro it registers answers from the plain modules."""

import datetime

from macros.data.site import site_on
from macros.pipeline import registry
from macros.pipeline.pages import page_macros

from .conftest import REPO


def test_the_registry_gives_working_macros():
    site = site_on(REPO, "thanh-hoa", datetime.date(2025, 11, 30))
    macros = page_macros(site, "quy-dinh/muc-vay-lai-suat.md")
    assert registry.page_variables(site)["site_date"] == "30/11/2025"
    assert macros["fact"]("individual-business-max") == "100 triệu đồng"
    assert "6,6 %/năm" in macros["rate_in_force"]()
    assert "(../van-ban-phap-ly.md#qd-22-2023)" in macros["fact_cited"]("business-max-term")


def test_each_macro_takes_the_page_first():
    """One argument order: the page (data, day, path), then what the page writes."""
    import inspect

    for name, macro in registry.MACROS.items():
        first = next(iter(inspect.signature(macro.function).parameters.values()))
        assert first.name == "page" and first.annotation in ("PageContext", registry.PageContext), name


def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(monkeypatch):
    import pytest

    from .conftest import unavailable

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have x"):
        unavailable("CI must have x", "x is not here")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="x is not here"):
        unavailable("CI must have x", "x is not here")
