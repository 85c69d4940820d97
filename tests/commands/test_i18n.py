"""`explainer i18n`: statistics per locale and the pybabel wrappers."""

from __future__ import annotations

import shutil

import pytest

from explainer.commands.cli import main
from explainer.commands.i18n import catalog_stats
from explainer.i18n.catalogs import po_path
from explainer.project import Project

CATALOG = """\
msgid ""
msgstr ""
"Language: id\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Sources"
msgstr "Sumber"

#, fuzzy
msgid "Training"
msgstr "Pelatihan"

msgid "Jobs"
msgstr ""

#~ msgid "Old"
#~ msgstr "Lama"
"""


def test_stats_count_translated_fuzzy_and_untranslated(
    project_copy: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po_path(project_copy.locales_dir, "id").write_text(CATALOG, "utf-8")
    stats = catalog_stats(project_copy.locales_dir, "id")
    assert (stats.translated, stats.fuzzy, stats.untranslated) == (1, 1, 1)
    assert main(["--project", str(project_copy.root), "i18n", "stats"]) == 0
    assert "id                1      1            1   33.3%" in capsys.readouterr().out


def test_init_writes_a_catalog_with_the_right_plural_header(project_copy: Project) -> None:
    shutil.rmtree(project_copy.locales_dir / "id")
    assert main(["--project", str(project_copy.root), "i18n", "init", "su"]) == 0
    text = po_path(project_copy.locales_dir, "su").read_text("utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert main(["--project", str(project_copy.root), "i18n", "init", "su"]) == 2
