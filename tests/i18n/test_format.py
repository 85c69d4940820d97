"""Locale formatting through Babel: numbers, rupiah, dates and periods per edition."""

from __future__ import annotations

import gettext

import pytest

from explainer.facts.model import DateArg, Money, Number, PartialDate, Period, Text
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import Formatter


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
        ("en", PartialDate(2019, 3, 17), "March 17, 2019"),
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
            "August 10\u2009–\u2009September 7, 2018",
        ),
        (
            "id",
            Period("start", PartialDate(2017, 11), PartialDate(2017, 12)),
            "November–Desember 2017",
        ),
        ("en", Period("as_of", PartialDate(2018)), "as of 2018"),
        ("en", Period("by", PartialDate(2017, 2, 15)), "by February 15, 2017"),
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
    assert out == "3 people"
    assert messages.fallbacks == {"{n} people"}
