"""`explainer i18n`: statistics per locale and the pybabel wrappers."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from explainer.commands.cli import main
from explainer.commands.i18n import catalog_stats
from explainer.i18n.catalogs import po_path
from explainer.i18n.powrap import wrap_po
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
    (project_copy.locales_dir / "messages.pot").unlink()
    stats = catalog_stats(project_copy.locales_dir, "id")
    assert (stats.translated, stats.untranslated, stats.fuzzy) == (1, 2, 1)
    assert main(["--project", str(project_copy.root), "i18n", "stats"]) == 0
    assert "id                1            2      (1)   33.3%" in capsys.readouterr().out


def test_stats_check_and_build_count_the_same_untranslated_strings(
    project_copy: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = po_path(project_copy.locales_dir, "id")
    text = path.read_text("utf-8")
    text = text.replace('msgid "Sources"\nmsgstr "Sumber"', 'msgid "Sources"\nmsgstr ""')
    text = text.replace('msgid "Contents"\n', '#, fuzzy\nmsgid "Contents"\n')
    text = text.replace('msgid "Training"\nmsgstr "Pelatihan"\n', "")
    path.write_text(text, "utf-8")
    root = ["--project", str(project_copy.root)]

    assert (
        catalog_stats(
            project_copy.locales_dir, "id", project_copy.locales_dir / "messages.pot"
        ).untranslated
        == 3
    )
    assert main([*root, "i18n", "stats"]) == 0
    assert main([*root, "check"]) == 0
    out = project_copy.root / "dist"
    assert main([*root, "build", "--no-pdf", "--quiet", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "          3      (1)" in captured.out
    assert "0 errors, 3 warning(s); id: 3 untranslated" in captured.err
    assert f"{path}: warning: 3 string(s) untranslated, shown in English" in captured.err


def test_init_writes_a_catalog_with_the_right_plural_header(project_copy: Project) -> None:
    shutil.rmtree(project_copy.locales_dir / "id")
    assert main(["--project", str(project_copy.root), "i18n", "init", "su"]) == 0
    text = po_path(project_copy.locales_dir, "su").read_text("utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert main(["--project", str(project_copy.root), "i18n", "init", "su"]) == 2


@pytest.mark.parametrize(
    "command",
    [[], ["i18n"], ["i18n", "stats"], ["i18n", "update"], ["check"], ["build"], ["serve"]],
    ids=lambda c: " ".join(c) or "explainer",
)
def test_every_help_prints(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--help"])
    assert stopped.value.code == 0
    assert "usage: explainer" in capsys.readouterr().out


def test_update_keeps_the_previous_msgid_of_a_changed_string(project_copy: Project) -> None:
    pot = project_copy.locales_dir / "messages.pot"
    pot.write_text(
        pot.read_text("utf-8").replace('msgid "Contents"', 'msgid "Table of contents"'), "utf-8"
    )
    argv = ["--project", str(project_copy.root), "i18n", "update", "--locale", "id"]
    assert main(argv) == 0
    text = po_path(project_copy.locales_dir, "id").read_text("utf-8")
    assert '#, fuzzy\n#| msgid "Contents"\nmsgid "Table of contents"\nmsgstr "Daftar isi"' in text
    assert wrap_po(text) == text


LONG = (
    "Every figure the sources report, with who reported it, when, and for what period. "
    "None of them has been checked independently."
)


PREVIOUS = """\
#, fuzzy
#| msgid ""
#| "Every figure the sources report, with who reported it, when, and for what "
#| "period. None of them has been checked independently."
msgid ""
"""


def test_a_long_previous_msgid_is_valid_kept_and_never_becomes_a_comment(
    project_copy: Project,
) -> None:
    """Babel writes a long `#|` msgid wrapped inside its quotes (msgfmt refuses the file)
    and reads any `#|` back as a translator's comment, which the next update wrote as
    `# | msgid …` for good. The first update now writes it as msgcat does; the second
    keeps it for the entry, still fuzzy, and leaves no comment behind."""
    pot = project_copy.locales_dir / "messages.pot"
    text = pot.read_text("utf-8")
    assert f'"{LONG[:60]}' in text.replace('"\n"', "")
    changed = text.replace("checked independently.", "checked by anyone independently.")
    pot.write_text(changed, "utf-8")
    po = po_path(project_copy.locales_dir, "id")
    argv = ["--project", str(project_copy.root), "i18n", "update", "--locale", "id"]
    for update in (1, 2):
        assert main(argv) == 0
        text = po.read_text("utf-8")
        assert "\n# |" not in text, f"update {update}"
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
        # As msgcat writes it, and kept by the second update as `msgmerge --previous` keeps it.
        assert text.count("#| ") == 3 and PREVIOUS in text, f"update {update}"


def test_extract_refuses_a_folder_without_the_code(
    project_copy: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of data/, locales/ and templates/ has no explainer/: pybabel would write a
    template without the code's strings, and the next update obsolete their translations."""
    pot = project_copy.locales_dir / "messages.pot"
    before = pot.read_bytes()
    assert main(["--project", str(project_copy.root), "i18n", "extract"]) == 2
    assert "holds no explainer/ code" in capsys.readouterr().err
    assert pot.read_bytes() == before


def test_update_refuses_an_unknown_locale(project_copy: Project) -> None:
    argv = ["--project", str(project_copy.root), "i18n", "update", "--locale", "fr"]
    assert main(argv) == 2
