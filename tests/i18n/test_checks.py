"""Catalog checks catch each kind of mistake and name the file, the line and the msgid."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import check
from explainer.commands.cli import main
from explainer.errors import InputError, Problem
from explainer.i18n.catalogs import load_messages, po_path
from explainer.i18n.checks import check_catalogs, expected_plural_forms, fallback_problems
from explainer.i18n.glossary import read_glossary
from explainer.project import Project
from tests.support import ROOT, line_of, own_catalogs, write_po


def only_problem(tmp_path: Path, entries: str, msgid: str) -> Problem:
    """Check a one-entry catalog; return its single problem, after checking the place."""
    path = write_po(tmp_path, entries)
    problems = check_catalogs(tmp_path, ["id"])
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == str(path)
    assert problem.line == line_of(path, f'msgid "{msgid}"')
    assert repr(msgid) in problem.message
    assert f"{path}:{problem.line}: " in str(problem)
    return problem


@pytest.mark.parametrize(
    ("entries", "msgid", "says"),
    [
        pytest.param(
            '#, python-brace-format\nmsgid "Edition of {date}"\nmsgstr "Edisi"\n',
            "Edition of {date}",
            "drops placeholder(s) '{date}'",
            id="dropped-placeholder",
        ),
        pytest.param(
            'msgid "on or after {date}"\nmsgstr "pada atau setelah {tanggal}"\n',
            "on or after {date}",
            "drops placeholder(s) '{date}'",
            id="renamed-brace-placeholder",
        ),
        pytest.param(
            '#: templates/page.html:9\nmsgid "Does it work? The reported results"\n'
            'msgstr "Hasil { resmi"\n',
            "Does it work? The reported results",
            "a single '{'",
            id="lone-brace-in-template-string",
        ),
        pytest.param(
            '#, python-brace-format\nmsgid "Source {number}"\nmsgstr "Sumber {number!r}"\n',
            "Source {number}",
            "must be a plain name",
            id="placeholder-with-conversion",
        ),
        pytest.param(
            '#: data/results.yaml:3\nmsgid "about {value}"\nmsgstr "sekitar {value} }"\n',
            "about {value}",
            "a single '}'",
            id="stray-brace",
        ),
        pytest.param(
            '#: data/results.yaml:3\nmsgid "about {value}"\nmsgstr "sekitar {value:>200}"\n',
            "about {value}",
            "placeholder '{value:>200}' in 'sekitar {value:>200}' must be a plain name",
            id="brace-format-spec",
        ),
        pytest.param(
            '#: data/results.yaml:3\nmsgid "about {value}"\nmsgstr "sekitar {value.__class__}"\n',
            "about {value}",
            "placeholder '{value.__class__}'",
            id="brace-attribute",
        ),
        pytest.param(
            '#: data/results.yaml:3\nmsgid "about {value}"\nmsgstr "sekitar {value[0]}"\n',
            "about {value}",
            "placeholder '{value[0]}'",
            id="brace-index",
        ),
        pytest.param(
            '#: data/results.yaml:3\nmsgid "about {value}"\nmsgstr "sekitar {value!r}"\n',
            "about {value}",
            "placeholder '{value!r}'",
            id="brace-conversion",
        ),
        pytest.param(
            '#, python-brace-format\nmsgid "Edition of {date}"\nmsgstr "Edisi %(date)s"\n',
            "Edition of {date}",
            "drops placeholder(s) '{date}'",
            id="old-percent-placeholder",
        ),
        pytest.param(
            'msgid "Training"\nmsgstr "Pelatihan 2019"\n',
            "Training",
            "number '2019'",
            id="new-number",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sumber: https://evil.example/x"\n',
            "Sources",
            "web address 'https://evil.example/x'",
            id="new-url",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sumber (tulis ke tips@evil.example)"\n',
            "Sources",
            "e-mail address 'tips@evil.example'",
            id="new-email",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "<script>evil()</script>"\n',
            "Sources",
            "markup '<script>'",
            id="markup-tag",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sumber&nbsp;berita"\n',
            "Sources",
            "markup '&nbsp;'",
            id="markup-entity",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sumber\u202eatireb"\n',
            "Sources",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
            id="bidi-override",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sum\u200bber"\n',
            "Sources",
            "U+200B ZERO WIDTH SPACE",
            id="zero-width",
        ),
        pytest.param(
            'msgid "Sources"\nmsgstr "Sumber\x07"\n',
            "Sources",
            "U+0007",
            id="control-character",
        ),
    ],
)
def test_each_check_names_file_line_and_msgid(
    tmp_path: Path, entries: str, msgid: str, says: str
) -> None:
    problem = only_problem(tmp_path, entries, msgid)
    assert not problem.warning
    assert says in problem.message


def test_a_good_catalog_passes(tmp_path: Path) -> None:
    write_po(
        tmp_path,
        '#, python-brace-format\nmsgid "Edition of {date}, 100% checked, {{braces}}"\n'
        'msgstr "Edisi {date}, 100% diperiksa, {{kurung}}"\n\n'
        'msgid "about {value}"\nmsgstr "sekitar {value}"\n\n'
        'msgid "The 7 PAS steps, 65,414 members"\nmsgstr "7 langkah PAS, 65.414 anggota"\n\n'
        'msgctxt "heading"\nmsgid "Sources"\nmsgstr "Sumber"\n',
    )
    assert check_catalogs(tmp_path, ["id"]) == []


def test_fuzzy_is_a_warning_and_never_shipped(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, '#, fuzzy\nmsgid "Sources"\nmsgstr "Sumber"\n', "Sources")
    assert problem.warning
    assert "fuzzy" in problem.message
    assert load_messages(tmp_path, "id").gettext("Sources") == "Sources"


def test_untranslated_is_a_warning(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, 'msgid "Sources"\nmsgstr ""\n', "Sources")
    assert problem.warning
    assert "not translated" in problem.message


def test_obsolete_entries_are_ignored(tmp_path: Path) -> None:
    write_po(tmp_path, '#~ msgid "Sources"\n#~ msgstr "<b>Sumber</b> 99"\n')
    assert check_catalogs(tmp_path, ["id"]) == []


def test_indonesian_needs_one_plural_form(tmp_path: Path) -> None:
    path = write_po(tmp_path, "", plural="nplurals=2; plural=(n != 1);")
    [problem] = check_catalogs(tmp_path, ["id"])
    assert not problem.warning
    assert problem.file == str(path)
    assert problem.line == line_of(path, "Plural-Forms")
    assert "'nplurals=1; plural=0;'" in problem.message


def test_plural_forms_follow_babel_where_it_knows(tmp_path: Path) -> None:
    write_po(tmp_path, "", locale="fr", plural="nplurals=2; plural=(n > 1);")
    write_po(tmp_path, "", locale="de", plural="nplurals=1; plural=0;")
    [problem] = check_catalogs(tmp_path, ["fr", "de"])
    assert "de" in problem.file
    assert "'nplurals=2; plural=(n != 1);'" in problem.message
    assert expected_plural_forms("jv") == (1, "0")
    assert expected_plural_forms("su") == (1, "0")


def test_a_guessed_header_for_a_new_language_is_a_warning(tmp_path: Path) -> None:
    write_po(tmp_path, "", locale="jv", plural="nplurals=2; plural=(n != 1);")
    [problem] = check_catalogs(tmp_path, ["jv"])
    assert problem.warning
    assert "'nplurals=1; plural=0;'" in problem.message


def test_check_and_build_stop_on_a_bad_catalog(
    project_copy: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_po(own_catalogs(project_copy), 'msgid "Sources"\nmsgstr "Sumber 2019"\n')
    argv = ["--project", str(project_copy.root)]
    assert main([*argv, "check"]) == 1
    assert main([*argv, "build", "--no-pdf", "--out", str(project_copy.root / "dist")]) == 1
    err = capsys.readouterr().err
    line = line_of(path, 'msgid "Sources"')
    assert f"{path}:{line}: error: msgid 'Sources'" in err
    assert not (project_copy.root / "dist").exists()


def test_strict_refuses_untranslated_strings(project_copy: Project) -> None:
    write_po(own_catalogs(project_copy), 'msgid "Sources"\nmsgstr "Sumber"\n')
    warnings = check(project_copy)
    assert any("not in the catalog" in str(w) for w in warnings)
    with pytest.raises(InputError, match="not in the catalog"):
        check(project_copy, strict=True)


def test_a_translation_that_cannot_be_used_is_an_error(tmp_path: Path) -> None:
    path = write_po(tmp_path, 'msgid "Sources"\nmsgstr "Sumber"\n\nmsgid "Jobs"\nmsgstr ""\n')
    messages = load_messages(tmp_path, "id")
    messages.fallbacks |= {"Sources", "Jobs", "Budgets"}  # as if each fell back to English
    problems = {p.message.split(":")[0]: p for p in fallback_problems(path, messages)}
    assert not problems["msgid 'Sources'"].warning
    assert problems["msgid 'Sources'"].line == line_of(path, 'msgid "Sources"')
    assert "cannot be used" in problems["msgid 'Sources'"].message
    assert problems["msgid 'Budgets'"].warning  # missing: counted as untranslated
    assert problems["msgid 'Budgets'"].code == "untranslated"
    assert "msgid 'Jobs'" not in problems  # already reported by the catalog check


def test_strict_refuses_a_fuzzy_string(project_copy: Project) -> None:
    path = po_path(project_copy.locales_dir, "id")
    text = path.read_text("utf-8").replace('msgid "Contents"\n', '#, fuzzy\nmsgid "Contents"\n')
    path.write_text(text, "utf-8")
    assert any("fuzzy" in str(w) for w in check(project_copy))
    with pytest.raises(InputError, match="msgid 'Contents': fuzzy"):
        check(project_copy, strict=True)


def test_a_dropped_do_not_translate_term_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "glossary.csv").write_text(
        "source,target,context,developer_comments,flags\n"
        "OK OCE,OK OCE,,Do not translate.,read-only\n"
        "regional election,Pilkada,,Preferred rendering.,\n",
        "utf-8",
    )
    path = write_po(
        tmp_path,
        'msgid "What OK OCE is"\nmsgstr "Apa itu Oke Oce"\n\n'
        'msgid "OK OCE explained"\nmsgstr "OK OCE, dijelaskan"\n\n'
        'msgid "A regional election"\nmsgstr "Sebuah pemilihan"\n',
    )
    [problem] = check_catalogs(tmp_path, ["id"])
    assert problem.warning
    assert problem.line == line_of(path, 'msgid "What OK OCE is"')
    assert str(problem).startswith(f"{path}:{problem.line}: warning: msgid 'What OK OCE is'")
    assert "drops 'OK OCE'" in problem.message


def test_the_committed_glossary_keeps_the_programmes_names() -> None:
    terms = {t.source: t for t in read_glossary(ROOT / "locales")}
    for name in ("OK OCE", "7 PAS", "kecamatan", "Pilkada", "PGO", "UMKM"):
        assert terms[name].keep, name
    assert any(not t.keep and t.target for t in terms.values()), "a preferred rendering"
