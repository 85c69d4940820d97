"""Validation of the curated facts: the real data passes, each mistake is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import load_model
from explainer.errors import InputError
from explainer.facts.model import PartialDate, parse_partial_date
from explainer.facts.quotes import check_weekdays
from explainer.project import Project
from tests.support import SEEDS, SEVEN_STEPS


def test_the_real_data_is_valid(project: Project) -> None:
    model, warnings = load_model(project)
    assert warnings == []
    assert [s.id for s in model.sources] == [
        "kompas-2017",
        "koran-jakarta-2018",
        "liputan6-2018",
        "idn-times-2019",
        "bbb-2019",
    ]
    assert [s.name for s in model.steps.steps] == SEVEN_STEPS


def test_every_fact_cites_a_source_and_keeps_a_quote(project: Project) -> None:
    model, _ = load_model(project)
    facts = [f for t in model.about for f in t.facts] + [model.steps.intro]
    for item in [*facts, *model.figures]:
        assert item.sources, item.id
        assert item.quotes, item.id
        assert {q.source for q in item.quotes} <= set(item.sources), item.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", PartialDate(2019)),
        ("2018-09", PartialDate(2018, 9)),
        ("2019-03-17", PartialDate(2019, 3, 17)),
        ("2018-02-30", None),
        ("2018-13", None),
        ("17/3/2019", None),
    ],
)
def test_partial_dates(text: str, expected: PartialDate | None) -> None:
    assert parse_partial_date(text) == expected


def _break(project: Project, file: str, old: str, new: str) -> str:
    path = project.data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(project, strict=True)
    return str(caught.value)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "results.yaml",
            "sources: [bbb-2019]",
            "sources: [viva-2019]",
            "results.yaml:{line}:15: error: figures[15].sources[0]:"
            " no source has the id 'viva-2019'",
        ),
        ("results.yaml", "value: 65414", "value: -65414", "expected a number of zero or more"),
        ("results.yaml", "value: 65414", "value: '65.414'", "expected a number (no thousands"),
        ("results.yaml", "currency: IDR", "currency: RPH", "unknown currency 'RPH'"),
        ("sources.yaml", '"2017-02-03"', '"2017-02-30"', "'2017-02-30' is not a real date"),
        ("actors.yaml", "id: anies\n", "id: sandiaga\n", "duplicate id 'sandiaga'"),
        (
            "about.yaml",
            '          year: {date: "2017"}\n        sources: [bbb-2019, kompas',
            '          yr: {date: "2017"}\n        sources: [bbb-2019, kompas',
            "about[1].facts[0].text: placeholder {year} has no value under 'args'",
        ),
        ("steps.yaml", "gloss: training", "gloss: training in 2 days", "has a number in it"),
        ("disputes.yaml", "    title: Has OK OCE worked?", "    titel: x", "unknown key 'titel'"),
    ],
)
def test_each_mistake_names_file_line_and_key(
    project_copy: Project, file: str, old: str, new: str, expected: str
) -> None:
    message = _break(project_copy, file, old, new)
    if "{line}" in expected:
        text = (project_copy.data_dir / file).read_text(encoding="utf-8")
        line = text[: text.index(new)].count("\n") + 1
        expected = expected.format(line=line)
    assert f"{project_copy.data_dir / file}:" in message
    assert expected in message


def test_missing_quotes_are_an_error(project_copy: Project) -> None:
    path = project_copy.data_dir / "about.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(
        "        quotes:\n          - source: bbb-2019\n            said_by: iim\n"
        "            text: OK OCE itu bukan"
    )
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(project_copy)
    assert "about[4].facts[1].quotes: 'quotes' is missing; expected a non-empty list" in str(
        caught.value
    )


def test_all_errors_are_reported_at_once(project_copy: Project) -> None:
    path = project_copy.data_dir / "results.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("value: 65414", "value: -1").replace("value: 55732", "value: x")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(project_copy)
    assert len(caught.value.problems) == 2


def test_a_source_nothing_cites_is_a_warning_then_an_error_when_strict(
    project_copy: Project,
) -> None:
    path = project_copy.data_dir / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    extra = '\n  - id: unused-2020\n    outlet: Nobody\n    published: "2020"\n'
    path.write_text(text + extra, encoding="utf-8")
    _, warnings = load_model(project_copy)
    assert [w.message for w in warnings] == ["no fact cites the source 'unused-2020'"]
    with pytest.raises(InputError):
        load_model(project_copy, strict=True)


def test_data_folder_path_is_used(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_model(Project(tmp_path))
    assert str(tmp_path / "data") in str(caught.value)


# --- Attribution by construction ------------------------------------------------


def test_a_quote_without_a_speaker_is_an_error(project_copy: Project) -> None:
    # The Mart Kalibata response quotes Anies Baswedan, not the shop's founder.
    message = _break(
        project_copy,
        "disputes.yaml",
        '          said_by: anies\n          said_on: "2018-09-04"\n',
        '          said_on: "2018-09-04"\n',
    )
    assert "disputes[2].response.quotes[1].said_by: the quote names no speaker" in message


def test_an_outlet_narrates_only_in_its_own_articles(project_copy: Project) -> None:
    message = _break(
        project_copy,
        "about.yaml",
        "          - source: bbb-2019\n            said_by: bbb\n",
        "          - source: bbb-2019\n            said_by: kompas\n",
    )
    assert "'kompas' is the outlet 'Kompas.com', which narrates only in its own articles" in message
    assert "['kompas-2017'], not in 'bbb-2019'" in message


def test_a_figure_is_reported_by_one_of_its_speakers(project_copy: Project) -> None:
    message = _break(
        project_copy,
        "results.yaml",
        "    reported_by: {unnamed: true}\n",
        "    reported_by: kompas\n",
    )
    assert "figures[0].reported_by: the figure is reported by 'kompas'" in message
    assert "['unnamed']" in message


def test_a_response_dated_before_its_claim_is_an_error(project_copy: Project) -> None:
    message = _break(project_copy, "disputes.yaml", "      answers_earlier_reports: true\n", "")
    assert "disputes[2].response.on: the response by 'mart-founder' (2018-09-03)" in message
    assert "before the claim it answers, by 'liputan6' (2018-09-19)" in message


def test_a_partisan_finding_cannot_be_established(project_copy: Project) -> None:
    message = _break(
        project_copy,
        "disputes.yaml",
        "        reported_by: [liputan6, mart-founder]\n",
        "        reported_by: [mart-founder]\n",
    )
    assert "disputes[2].established[0].reported_by: reported only by a party" in message
    assert "mart-founder (business)" in message


def test_an_unanchored_present_tense_statement_is_an_error(project_copy: Project) -> None:
    message = _break(project_copy, "about.yaml", '        as_of: "2018-01-10"\n', "")
    assert "about[2].facts[0].as_of: 'as_of' is missing" in message


def test_a_present_tense_statement_says_when(project_copy: Project) -> None:
    message = _break(
        project_copy,
        "about.yaml",
        "On {as_of}, Koran Jakarta described OK OCE",
        "Koran Jakarta describes OK OCE",
    )
    assert "about[2].facts[0].text: a present-tense statement says when it was true" in message


def test_a_role_says_when_a_source_gave_it(project_copy: Project) -> None:
    message = _break(
        project_copy, "actors.yaml", '    as_of: "2018-09-19"\n    sources', "    sources"
    )
    assert "actors[1].as_of: 'as_of' is missing" in message


def test_a_weekday_that_does_not_match_its_date_is_a_warning(project_copy: Project) -> None:
    path = project_copy.data_dir / "disputes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("weekday: Selasa", "weekday: Rabu", 1), encoding="utf-8")
    _, warnings = load_model(project_copy)
    assert len(warnings) == 1
    assert "the source 'liputan6-2018' gives the weekday 'Rabu' with 2018-09-04" in str(warnings[0])
    assert "which was a Tuesday (Selasa)" in str(warnings[0])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared source captures are not beside the repo")
def test_the_captures_weekdays_are_checked(project: Project) -> None:
    model, _ = load_model(project)
    warnings = [str(w) for w in check_weekdays(model, SEEDS)]
    # Liputan6.com prints "Rabu, 21 Desember 2017"; that day was a Thursday.
    assert warnings == [
        f"{SEEDS / '001_61cb8c1a0b4c7d12.txt'}: warning: the source 'liputan6-2018'"
        " (Liputan6.com) gives the weekday 'Rabu' with 2017-12-21, which was a Thursday (Kamis)"
    ]


def test_the_lead_is_sixty_to_eighty_words(project_copy: Project) -> None:
    message = _break(
        project_copy,
        "lead.yaml",
        "  text: >-\n",
        "  text: >-\n    Put simply, as the five news articles below tell it in their own words,\n",
    )
    assert "lead.text: the lead has 92 words in English; write 60 to 80" in message


def test_in_short_has_three_to_five_points(project_copy: Project) -> None:
    path = project_copy.data_dir / "lead.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - id: short-results"), text.index("key_numbers:")
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(project_copy)
    assert "in_short has 2 entries; give 3 to 5" in str(caught.value)
