"""Locale formatting through Babel: numbers, rupiah, dates and periods per edition."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from explainer.facts.model import DateArg, Money, Number, PartialDate, Period, Text
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import Formatter
from explainer.project import Project


def fmt(locale: str) -> Formatter:
    return Formatter(Messages(locale, gettext.NullTranslations()))


@pytest.mark.parametrize(("locale", "expected"), [("id", "65.414"), ("en", "65,414")])
def test_numbers(locale: str, expected: str) -> None:
    assert fmt(locale).number(65414) == expected


@pytest.mark.parametrize(
    ("locale", "amount", "expected"),
    [
        ("id", 724_500_000, "Rp724,5 juta"),
        ("en", 724_500_000, "IDR\u00a0724.5 million"),
        ("id", 3_900_000_000, "Rp3,9 miliar"),
        ("en", 3_900_000_000, "IDR\u00a03.9 billion"),
        ("id", 5_000_000_000, "Rp5 miliar"),
        ("en", 1_250_000, "IDR\u00a01.25 million"),
        ("id", 50_000, "Rp50.000"),
        ("en", 50_000, "IDR\u00a050,000"),
    ],
)
def test_rupiah_in_the_short_form_readers_use(locale: str, amount: int, expected: str) -> None:
    assert fmt(locale).money(amount, "IDR") == expected


@pytest.mark.parametrize(
    ("locale", "date", "expected"),
    [
        ("id", PartialDate(2019, 3, 17), "17 Maret 2019"),
        ("en", PartialDate(2019, 3, 17), "17 March 2019"),
        ("id", PartialDate(2018, 9), "September 2018"),
        ("en", PartialDate(2017, 2), "February 2017"),
        ("id", PartialDate(2019), "2019"),
    ],
)
def test_dates_as_precise_as_known(locale: str, date: PartialDate, expected: str) -> None:
    assert fmt(locale).date(date) == expected


@pytest.mark.parametrize(
    ("locale", "period", "expected"),
    [
        (
            "id",
            Period("start", PartialDate(2018, 8, 10), PartialDate(2018, 9, 7)),
            "10 Agustus\u2009–\u20097 September 2018",
        ),
        (
            "en",
            Period("start", PartialDate(2018, 8, 10), PartialDate(2018, 9, 7)),
            "10 August\u2009–\u20097 September 2018",
        ),
        (
            "id",
            Period("start", PartialDate(2017, 11), PartialDate(2017, 12)),
            "November–Desember 2017",
        ),
        ("en", Period("as_of", PartialDate(2018)), "as of 2018"),
        ("en", Period("by", PartialDate(2017, 2, 15)), "by 15 February 2017"),
        ("en", Period("unstated"), "not stated"),
    ],
)
def test_periods(locale: str, period: Period, expected: str) -> None:
    assert fmt(locale).period(period) == expected


def test_text_placeholders_are_formatted_for_the_locale() -> None:
    text = Text(
        "{n} people, {cost}, {when}",
        {"n": Number(65414), "cost": Money(724_500_000, "IDR"), "when": DateArg(PartialDate(2018))},
    )
    assert fmt("id").text(text) == "65.414 people, Rp724,5 juta, 2018"


def test_a_broken_translation_falls_back_to_english() -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "{jumlah} orang"

    messages = Messages("id", Broken())
    out = Formatter(messages).text(Text("{n} people", {"n": Number(3)}))
    assert out == "tiga people"  # the English text, the values formatted for the edition
    assert messages.fallbacks == {"{n} people"}


def test_translators_come_from_the_catalog_header(tmp_path: Path) -> None:
    from explainer.context.localize import translators
    from explainer.i18n.catalogs import load_messages, po_path

    path = po_path(tmp_path, "jv")
    path.parent.mkdir(parents=True)
    header = (
        'msgid ""\nmsgstr ""\n"Last-Translator: Siti Rahma <siti@example.org>\\n"\n'
        '"Language-Team: {team}\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )
    path.write_text(header.format(team="Tim Jawa <jv@example.org>"), "utf-8")
    assert translators(load_messages(tmp_path, "jv")) == ["Siti Rahma", "Tim Jawa"]
    path.write_text(header.format(team="Javanese <jv@li.org>"), "utf-8")
    assert translators(load_messages(tmp_path, "jv")) == ["Siti Rahma"]
    fresh = header.replace("Siti Rahma <siti@example.org>", "FULL NAME <EMAIL@ADDRESS>")
    path.write_text(fresh.format(team="LANGUAGE <LL@li.org>"), "utf-8")
    assert translators(load_messages(tmp_path, "jv")) == []
    assert translators(load_messages(tmp_path, "en")) == []


def test_the_context_carries_the_pages_opening_parts() -> None:
    from explainer.build import load_model, prepare
    from tests.support import ROOT

    project = Project(ROOT)
    model, _ = load_model(project)
    editions = {e.locale: e.context for e in prepare(project, model, ["id", "en"])}
    en, id_ = editions["en"], editions["id"]
    assert 60 <= len(en["lead"]["text"].split()) <= 80
    assert en["lead"]["cites"]
    assert 3 <= len(en["in_short"]) <= 5 and all(p["cites"] for p in en["in_short"])
    assert [k["id"] for k in en["key_numbers"]][:2] == ["registered-2018", "licensed-2018"]
    first = en["key_numbers"][0]
    assert first["value"] == "65,414" and first["reporter"].startswith("Iim Rusyamsi")
    assert first["reported_on"] == "2019" and first["cites"]
    assert en["unknowns"] and all(u["cites"] for u in en["unknowns"])
    anies = next(p for p in en["whos_who"] if p["id"] == "anies")
    assert anies["role"] == "Governor of Jakarta" and anies["as_of"] == "19 September 2018"
    assert anies["affiliation"] == "Jakarta provincial government"
    assert en["coverage"].endswith("from 2 February 2017\u2009–\u200917 March 2019.")
    assert (
        "2 Februari 2017" in id_["coverage"]
        and "Pemerintah Provinsi"
        in (next(p for p in id_["whos_who"] if p["id"] == "anies")["affiliation"])
    )


def test_each_quote_is_shown_under_its_own_speaker() -> None:
    from explainer.build import load_model, prepare
    from tests.support import ROOT

    project = Project(ROOT)
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    mart = next(d for d in edition.context["disputes"] if d["id"] == "mart-kalibata")
    speakers = [q["attribution"] for q in mart["response"]["quotes"]]
    assert speakers[1] == "Anies Baswedan, 4 September 2018"
    assert speakers[0].startswith("the founder of OK OCE Mart Kalibata")
    claim = [q["attribution"] for q in mart["claim"]["quotes"]]
    assert "Not named (the article does not say by whom), on or after 19 September 2018" in claim


def quotes_in(value: object) -> Iterator[dict[str, Any]]:
    """Yield every quote in a template context (a dict with an `attribution`)."""
    if isinstance(value, dict):
        if "attribution" in value:
            yield value
        for item in value.values():
            yield from quotes_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from quotes_in(item)


def test_every_quote_is_shown_with_a_date() -> None:
    """Words the source does not date are dated by the source's publication."""
    from explainer.build import load_model, prepare
    from tests.support import ROOT

    project = Project(ROOT)
    model, _ = load_model(project)
    en, id_ = (e.context for e in prepare(project, model, ["en", "id"]))
    for context in (en, id_):
        quotes = list(quotes_in(dict(context)))
        assert len(quotes) > 50
        for quote in quotes:
            assert quote["attribution"].startswith(quote["speaker"] + ", "), quote["attribution"]
    by_text = {q["text"]: q["attribution"] for q in quotes_in(dict(en))}
    by_text_id = {q["text"]: q["attribution"] for q in quotes_in(dict(id_))}
    # Bina Bangun Bangsa (2019) does not say when Iim Rusyamsi said it.
    oke = next(t for t in by_text if t.startswith("OKE OCE itu kan singkatan"))
    assert by_text[oke] == "Iim Rusyamsi, quoted in a report published 2019"
    assert by_text_id[oke] == "Iim Rusyamsi, dikutip dalam laporan yang terbit 2019"
    # An outlet's own words are dated by their publication, without "quoted".
    own = [a for a in by_text.values() if a.startswith("Kompas.com, in its own reporting")]
    assert own and set(own) == {"Kompas.com, in its own reporting, 3 February 2017"}


def test_numbers_under_ten_are_words_in_running_text() -> None:
    text = Text("{n} steps, {m} agencies, {big} people", {"n": Number(7), "m": Number(10)})
    text = Text(text.msgid, {**text.args, "big": Number(65414)})
    assert fmt("id").text(Text("{n} langkah", {"n": Number(7)})) == "tujuh langkah"
    assert fmt("en").text(text) == "seven steps, 10 agencies, 65,414 people"
    # A figure's value is not running text: it stays in digits.
    assert fmt("en").number(7) == "7"


def test_an_outlets_time_of_day_follows_the_house_style() -> None:
    from explainer.i18n.catalogs import load_messages
    from tests.conftest import ROOT

    indonesian = Formatter(load_messages(ROOT / "locales", "id"))
    assert indonesian.time("07:59 WIB") == "pukul 07.59 WIB"
    assert fmt("en").time("07:59 WIB") == "07:59 WIB"
    assert fmt("en").time("in the morning") == "in the morning"


def test_languages_are_named_as_their_readers_name_them() -> None:
    from explainer.context.localize import language_name

    assert language_name("id") == "Bahasa Indonesia"
    assert language_name("en") == "English"


def test_a_passage_two_figures_quote_is_shown_once_and_noted_once() -> None:
    from explainer.build import load_model, prepare
    from tests.conftest import ROOT

    project = Project(ROOT)
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    context = edition.context
    figures = {f["id"]: f for g in context["results"] for f in g["figures"]}
    first, second = figures["training-2017-participants"], figures["training-2017-speakers"]
    assert first["own_quotes"] and not second["own_quotes"]
    assert second["same_passage"] == [
        {"figure_id": first["id"], "label": first["label"]},
    ]
    assert second["quotes"][0]["note"] == first["quotes"][0]["note"]
    numbers = [q["note"] for q in context["notes"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len({q["text"] for q in context["notes"]}) == len(numbers)
