"""Format values and texts for one locale, through Babel and the catalog only.

Numbers, money and dates are formatted with Babel for the edition's locale
(never the operating system's); every English text goes through the catalog.
House style on top of Babel: English dates day-month-year as in British English
("3 February 2017"), and whole numbers under ten spelled out in running text
(num2words, since Babel has no spell-out).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, format_time
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)
from num2words import num2words

from explainer.facts.model import (
    Arg,
    DateArg,
    Figure,
    Money,
    Number,
    PartialDate,
    Period,
    Text,
)
from explainer.i18n.catalogs import Messages, babel_locale
from explainer.placeholders import PlaceholderError, substitute

# Languages whose dates follow another locale's patterns: the explainer's English is
# British, so "3 February 2017", not Babel's en "February 3, 2017".
DATE_LOCALES = {"en": "en_GB"}

# Languages num2words spells out; in others the numbers under ten stay digits.
SPELLED_OUT = ("id", "en")

# Time of day as the outlets print it: "07:59 WIB".
_TIME = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s+(?P<zone>\S+))?")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is used."""
    return message


# The punctuation that puts texts together, translated like any other text: a
# language may bracket, list or label with other signs (full-width brackets, a
# space before a colon).
# NOTE: A text followed by a detail in brackets, e.g. “people registered (2018)” or
# “participants (not stated)”. Keep both placeholders; change the brackets only if your
# language writes them otherwise.
WITH_DETAIL = N_("{text} ({detail})")
# NOTE: Joins the items of a list whose items may hold commas, e.g. “Registered: 65,414;
# Took part in training: 55,732”. Keep both placeholders; change the semicolon only if
# your language separates such items otherwise.
LIST_JOIN = N_("{items}; {item}")
# NOTE: A label followed by its value, e.g. “Period:” before “2018”, or in Who's who a
# name before a role, “Anies Baswedan:”. Keep {label}; change the colon only if your
# language punctuates a label otherwise (French: “{label} :”).
LABEL = N_("{label}:")
# NOTE: Joins two parts of a line or a title, e.g. “Explainer · English”, “OK OCE explained ·
# English” or “Edition of 23 November 2026 · The sources cover 2 February 2017 – 17 March
# 2019”. Keep both placeholders; change the middle dot only if your language separates such
# parts with another sign.
PAIR = N_("{first} · {second}")


class Formatter:
    """Format values and texts for one locale, through Babel and the catalog."""

    def __init__(self, messages: Messages) -> None:
        self.messages = messages
        self.locale: Locale = babel_locale(messages.locale)
        self.date_locale: Locale = babel_locale(DATE_LOCALES.get(messages.locale, messages.locale))
        self._ = messages.gettext

    def with_detail(self, text: str, detail: str) -> str:
        """Return a text with a detail in brackets, or the text alone without one."""
        return self.translate(WITH_DETAIL, text=text, detail=detail) if detail else text

    def listed(self, items: list[str]) -> str:
        """Return items joined as the language joins a list whose items may hold commas."""
        joined = items[0] if items else ""
        for item in items[1:]:
            joined = self.translate(LIST_JOIN, items=joined, item=item)
        return joined

    def label(self, text: str) -> str:
        """Return a text as a label before its value ("Period:")."""
        return self.translate(LABEL, label=text)

    def number(self, value: float) -> str:
        """Return a number with the locale's separators (65.414 / 65,414)."""
        return format_decimal(value, locale=self.locale)

    def words(self, value: float) -> str:
        """Return a number for running text: whole numbers under ten in words (tujuh / seven)."""
        if value == int(value) and 0 <= value < 10 and self.locale.language in SPELLED_OUT:
            return str(num2words(int(value), lang=self.locale.language))
        return self.number(value)

    def time(self, value: str) -> str:
        """Return an outlet's time of day in the locale's style: pukul 07.59 WIB / 07:59 WIB."""
        match = _TIME.fullmatch(value.strip())
        if match is None:
            return value
        clock = format_time(
            dt.time(int(match["hour"]), int(match["minute"])), "short", locale=self.date_locale
        )
        # NOTE: A time of day as an outlet prints it with an article's date. {time} is e.g.
        # “07:59” (written for your language, e.g. “07.59”), {zone} a time zone, e.g. “WIB”.
        return self.translate(N_("{time} {zone}"), time=clock, zone=match["zone"] or "").strip()

    def money(self, amount: float, currency: str) -> str:
        """Return money in the short form readers use: Rp724,5 juta / IDR 724.5 million."""
        symbol = get_currency_symbol(currency, locale=self.locale)
        gap = "\u00a0" if symbol == currency else ""
        if amount < 1_000_000:
            text = format_currency(
                amount, currency, format="¤#,##0", locale=self.locale, currency_digits=False
            )
            return text.replace(symbol, symbol + gap, 1)
        exponent = 3 * int(math.log10(amount) // 3)
        scaled = amount / 10**exponent
        digits = next(d for d in range(3) if round(scaled, d) == round(scaled, 2))
        # Some locales (e.g. su) have only the short compact forms.
        long = "long" in self.locale.compact_decimal_formats
        compact = format_compact_decimal(
            amount,
            format_type="long" if long else "short",
            locale=self.locale,
            fraction_digits=digits,
        )
        return f"{symbol}{gap}{compact}"

    def date(self, value: PartialDate) -> str:
        """Return a date as precise as it is known: 17 Maret 2019, September 2018, 2018."""
        day = value.first_day()
        if value.day is not None:
            return format_date(day, "long", locale=self.date_locale)
        skeleton = "yMMMM" if value.month is not None else "y"
        return format_skeleton(skeleton, day, locale=self.date_locale)

    def date_with(self, value: PartialDate | None, qualifier: str | None) -> str:
        """Return a date with its qualifier ("on or after …"), or say it is not stated."""
        if value is None:
            # NOTE: Shown where a statement's date is not known, e.g. after a speaker's name.
            return self._("date not stated")
        text = self.date(value)
        if qualifier == "on_or_after":
            # NOTE: The date of a statement known only roughly. {date} is a date formatted for your
            # language, e.g. “17 March 2019”.
            return self.translate(N_("on or after {date}"), date=text)
        if qualifier == "before":
            # NOTE: The date of a statement, or the period of a figure, known only as an upper
            # bound. {date} is a date formatted for your language, e.g. “March 2019”.
            return self.translate(N_("before {date}"), date=text)
        return text

    def period(self, period: Period) -> str:
        """Return the period a figure covers, in words."""
        if period.kind == "start" and period.start and period.end:
            return self._interval(period.start, period.end)
        patterns = {
            # NOTE: The period a figure covers. {date} is a date formatted for your language, e.g.
            # “March 2019”.
            "as_of": N_("as of {date}"),
            # NOTE: The period a figure covers: everything up to a date. {date} is a date formatted
            # for your language, e.g. “2018”.
            "by": N_("by {date}"),
            "before": N_("before {date}"),
        }
        if period.kind in patterns and period.start:
            return self.translate(patterns[period.kind], date=self.date(period.start))
        # NOTE: After the label “Period” under a figure whose period the sources do not give.
        return self._("not stated")

    def _interval(self, start: PartialDate, end: PartialDate) -> str:
        same_precision = (start.month is None) == (end.month is None) and (start.day is None) == (
            end.day is None
        )
        if not same_precision:
            return f"{self.date(start)}\u2009–\u2009{self.date(end)}"
        first, last = start.first_day(), end.first_day()
        if first == last:
            return self.date(start)
        if start.day is not None:
            # CLDR has no interval pattern with full month names: join two dates.
            same_year = first.year == last.year
            left = format_skeleton("MMMMd", first, locale=self.date_locale) if same_year else None
            return f"{left or self.date(start)}\u2009–\u2009{self.date(end)}"
        skeleton = "yMMMM" if start.month is not None else "y"
        return format_interval(first, last, skeleton, locale=self.date_locale)

    def arg(self, value: Arg) -> str:
        """Return a placeholder value of a text formatted for the locale, in running prose."""
        if isinstance(value, Number):
            return self.words(value.value)
        if isinstance(value, Money):
            return self.money(value.amount, value.currency)
        if isinstance(value, DateArg):
            return self.date(value.date)
        return value.text

    def text(self, text: Text) -> str:
        """Return a Text translated, with its placeholders filled in."""
        return self.translate(text.msgid, **{name: self.arg(v) for name, v in text.args.items()})

    def translate(self, msgid: str, **values: str) -> str:
        """Return `msgid` translated, with its {placeholders} replaced by `values`."""
        return translate(self.messages, msgid, **values)


def translate(messages: Messages, msgid: str, **values: str) -> str:
    """Return `msgid` translated, with its {placeholders} replaced by `values`.

    A broken translation never breaks the edition: `explainer check` reports
    it, and the reader gets the English.
    """
    try:
        return substitute(messages.gettext(msgid), values)
    except PlaceholderError:
        messages.fallbacks.add(msgid)
        return substitute(msgid, values)


def figure_value(fmt: Formatter, figure: Figure) -> str:
    """Return a figure's value as readers see it: 65.414, 50–70, more than 27,000."""
    currency = figure.currency
    one: Callable[[float], str] = (lambda v: fmt.money(v, currency)) if currency else fmt.number
    value = one(figure.value)
    if figure.value_max is not None:
        value = f"{value}–{one(figure.value_max)}"
    if figure.qualifier == "more_than":
        # NOTE: A reported figure given as a lower bound. {value} is a number formatted for your
        # language, e.g. “27,000”.
        return fmt.translate(N_("more than {value}"), value=value)
    if figure.qualifier == "about":
        # NOTE: A reported figure given as an approximation. {value} is a number formatted for your
        # language, e.g. “65,000”.
        return fmt.translate(N_("about {value}"), value=value)
    return value
