"""One locale's edition, ready to render: its catalog, its context and its charts."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from explainer.context.charts import WIDTHS, ChartsCtx, build_charts
from explainer.context.localize import Context, build_context
from explainer.errors import UsageError
from explainer.facts.model import Explainer
from explainer.i18n.catalogs import Messages


@dataclass
class Edition:
    """One locale's messages and context, ready to render."""

    locale: str
    messages: Messages
    context: Context
    charts: dict[str, ChartsCtx]
    # The locales whose PDFs the output will hold (None: every edition's), so
    # the page links only to PDFs that exist.
    pdfs: frozenset[str] | None = None
    # The address the output is published at (None: every link stays relative).
    base_url: str | None = None
    # The last page rendered per medium, with what it was made from (see render.page).
    pages: dict[str, tuple[Any, str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def has_pdf(self) -> bool:
        """Return whether the output holds this edition's PDF (and its images)."""
        return self.pdfs is None or self.locale in self.pdfs


def edition_date(model: Explainer) -> dt.date:
    """Return the edition date: SOURCE_DATE_EPOCH when set, else the data's."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return model.imprint.date
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}"
        ) from None


def localize(model: Explainer, messages: Messages, locales: list[str], date: dt.date) -> Edition:
    """Return one locale's edition: its context and its charts for screen and print."""
    context = build_context(model, messages, locales, date)
    charts = {medium: build_charts(model, messages, w) for medium, w in WIDTHS.items()}
    return Edition(messages.locale, messages, context, charts)
