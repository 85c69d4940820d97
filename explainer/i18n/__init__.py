"""Stage 2, the languages: gettext catalogs in, translated and formatted text out.

placeholders.py  the one placeholder grammar ({name}) of data, templates and catalogs
catalogs.py      which locales exist; each one's translations, with English fallback
format.py        Babel formatting of numbers, money and dates for a locale
checks.py        what can be wrong in a catalog: placeholders, numbers, markup, plurals
extract.py       the Babel extractor that finds the translatable texts of the facts
"""
