"""define_env only wires: every macro it registers answers from the plain modules."""

import types

import macros


class FakeEnv:
    def __init__(self):
        self.variables = {}
        self.macros = {}
        self.page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="quy-dinh/muc-vay-lai-suat.md"))
        self.conf = {}
        self.filters = {}

    def macro(self, function):
        self.macros[function.__name__] = function
        return function

    def filter(self, function, name=""):
        self.filters[name or function.__name__] = function
        return function


def test_define_env_registers_working_macros(monkeypatch):
    monkeypatch.setenv("SITE_DATE", "2025-11-30")
    env = FakeEnv()
    macros.define_env(env)
    assert env.variables["site_date"] == "30/11/2025"
    assert env.macros["fact"]("individual-business-max") == "100 triệu đồng"
    assert "6,6 %/năm" in env.macros["rate_in_force"]()
    assert "(../van-ban-phap-ly.md#qd-22-2023)" in env.macros["fact_cited"]("business-max-term")
