"""Stage 4, the HTML: a localized edition in, HTML text out (nothing is written here).

environment.py  the Jinja environment: autoescape, StrictUndefined, escaped translations
page.py         the web page and the print page of an edition
cards.py        the sections as cards: iframe pages and CMS fragments, and the sources each cites
chart_cards.py  a card per chart
downloads.py    each chart's SVG and CSV, and the HTML of the share image and the charts' PNGs
site.py         page metadata (alternates, JSON-LD), cite-and-reuse, dist/index.html
bilingual.py    the bilingual print edition, both languages block by block

Templates: templates/pages/ (each extends pages/base.html, except the CMS fragment),
templates/partials/ (the sections and their pieces as macros, with `id_prefix`,
`with_ids`, `with_quotes` parameters), templates/styles/ (CSS).
"""
