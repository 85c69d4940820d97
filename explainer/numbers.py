"""Which numbers the editions can show exactly.

Babel formats numbers from Python's Decimal, with at most three decimals and
no exponent: a 26-digit integer or 1e300 cannot be formatted at all, and
0.00001 or 1.23456 would be shown as a different number. The validator
refuses both, so what a reader sees is what the data says.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

# Above this, integers and floats stop being exact and the figures stop being readable.
MAX_SHOWN = 10**15


def number_problem(value: float) -> str | None:
    """Return why `value` cannot be shown exactly as it is, or None if it can."""
    if abs(value) >= MAX_SHOWN:
        return f"{value!r} is too large to show; numbers must be below {MAX_SHOWN:,}"
    try:
        shown = format_decimal(value, locale="en")
        same = parse_decimal(shown, locale="en") == Decimal(repr(value))
    except (ArithmeticError, InvalidOperation, NumberFormatError, ValueError):
        return f"{value!r} cannot be formatted as a number"
    if not same:
        return f"{value!r} would be shown as {shown!r}, a different number; round it"
    return None
