"""Stage 4, the HTML: a localized edition in, HTML text out (nothing is written here).

environment.py  the Jinja environment: autoescape, StrictUndefined, escaped translations
page.py         the web page and the print page of an edition
cards.py        the sections as cards: iframe pages and CMS fragments
chart_cards.py  a card per chart
site.py         page metadata (alternates, JSON-LD), cite-and-reuse, dist/index.html
bilingual.py    the bilingual print edition, both languages block by block
"""
