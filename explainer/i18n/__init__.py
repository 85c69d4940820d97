"""Stage 2, the languages: gettext catalogs in, translated and formatted text out.

catalogs.py   which locales exist; each one's translations, with English fallback
format.py     Babel formatting of numbers, money and dates for a locale; translate()
checks.py     what can be wrong in a catalog: placeholders, numbers, markup, plurals
polint.py     read a PO file as strictly as GNU msgfmt --check
powrap.py     wrap catalogs as msgcat and Poedit do
glossary.py   the terms translators keep or render one way, and their check
extract.py    the Babel extractor that finds the translatable texts of the facts
originals.py  the Indonesian originals as the id catalog's quote entries
pseudo.py     the pseudo-locale, to prove every visible string comes from a catalog

The placeholder grammar ({name}) is `explainer/placeholders.py`, below every stage.
"""
