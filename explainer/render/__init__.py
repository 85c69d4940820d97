"""Stage 4, the HTML: a localized edition in, HTML text out (nothing is written here).

environment.py  the Jinja environment: autoescape, StrictUndefined, escaped translations
anchors.py      ids and links to them in the templates; none in a pasted fragment
fragment_css.py a fragment's style sheet, under its versioned root class
page.py         the web page and the print page of an edition
cards.py        the sections as cards: iframe pages and fragments, and the sources each cites
cms.py          the CMS-safe fragment: inline styles that WordPress's KSES keeps
chart_cards.py  a card per chart
downloads.py    each chart's SVG and CSV, and the HTML of the share image and the charts' PNGs
site.py         page metadata (alternates, JSON-LD), cite-and-reuse, dist/index.html
bilingual.py    the bilingual print edition, both languages block by block

Templates: templates/pages/ (each extends pages/base.html, except the two fragments),
templates/partials/ (the sections and their pieces as macros, with `id_prefix`,
`with_ids`, `with_quotes` parameters; partials/cms.html lays the same context out
with inline styles), templates/styles/ (CSS).
"""
