"""The Jinja environment: templates compiled once per process, errors naming their file."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import jinja2
import pytest

from explainer.errors import InputError
from explainer.i18n.catalogs import Messages
from explainer.render.environment import render

PAGE = "{% macro greet(who) %}Hello {{ who.name }}{% endmacro %}\n<p>{{ greet(person) }}</p>\n"


def copy(folder: Path, source: str = PAGE) -> Path:
    """Write a one-template project folder."""
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "p.html").write_text(source, "utf-8")
    return folder


def test_a_second_copy_reuses_the_code_but_its_errors_name_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = copy(tmp_path / "first"), copy(tmp_path / "second")
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counting(env: jinja2.Environment, source: str, name: str | None, *args: Any) -> Any:
        compiled.append(name)
        return compile_(env, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    messages = Messages("en", gettext.NullTranslations())
    assert render(first, "pages/p.html", {"person": {"name": "Ana"}}, messages) == (
        "<p>Hello Ana</p>\n"
    )
    with pytest.raises(InputError) as caught:
        render(second, "pages/p.html", {"person": 3}, messages)
    assert compiled == ["pages/p.html"], "the second copy compiled its template again"
    [problem] = caught.value.problems
    # The error is raised inside the macro, a function of its own in the compiled code.
    assert (problem.file, problem.line) == (str(second / "pages" / "p.html"), 1)

    # A changed source is compiled afresh.
    third = copy(tmp_path / "third", PAGE.replace("Hello", "Hi"))
    assert "Hi Ana" in render(third, "pages/p.html", {"person": {"name": "Ana"}}, messages)
    assert compiled == ["pages/p.html", "pages/p.html"]
