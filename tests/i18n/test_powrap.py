"""Catalogs are wrapped as GNU msgcat and Poedit wrap them, so saving in Poedit changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from explainer.i18n.powrap import wrap_po, wrap_string
from tests.support import ROOT

CATALOGS = [ROOT / "locales" / "messages.pot", *sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po"))]
IDS = [p.relative_to(ROOT).as_posix() for p in CATALOGS]


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_committed_catalogs_are_wrapped_at_79_columns(path: Path) -> None:
    text = path.read_text("utf-8")
    assert wrap_po(text) == text


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_wrapping_matches_gnu_msgcat(path: Path) -> None:
    result = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert wrap_po(path.read_text("utf-8")) == result.stdout


def test_a_short_string_stays_on_its_line() -> None:
    assert wrap_string("", "msgid", "Contents") == ['msgid "Contents"']


def test_a_long_string_starts_empty_and_breaks_after_spaces_and_hyphens() -> None:
    body = "word " * 14 + "OK-OCE and more words to go past the edge of the line here"
    lines = wrap_string("", "msgstr", body)
    assert lines[0] == 'msgstr ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == body


def test_a_line_ends_after_each_newline_escape() -> None:
    assert wrap_string("", "msgstr", "a\\nb") == ['msgstr ""', '"a\\n"', '"b"']


def test_previous_msgids_are_wrapped_with_their_prefix() -> None:
    lines = wrap_string("#| ", "msgid", "x " * 45)
    assert lines[0] == '#| msgid ""'
    assert all(line.startswith('#| "') and len(line) <= 79 for line in lines[1:])
