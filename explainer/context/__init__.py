"""Stage 3, the localized context: the model and one locale in, a typed template context out.

localize.py  the typed context of one edition (every text translated, every value formatted)
charts.py    the charts laid out for that edition: positions, wrapped labels
edition.py   one locale's catalog, context and charts together, ready to render
"""
