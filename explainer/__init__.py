"""Build a cited, bilingual explainer of Jakarta's OK OCE programme.

The pipeline, one module per stage:

    facts      read the YAML data files, keeping where every value came from
    model      validate them into frozen dataclasses (Source, Fact, Figure, Dispute …)
    catalogs   load the gettext catalogs of each locale
    localize   format numbers, money and dates with Babel; build the template context
    render     fill the Jinja templates into HTML
    pdf        turn the print HTML into PDF with WeasyPrint (imported only when needed)
    embeds     cut the page's sections into cards: iframe pages and CMS fragments
    site       page metadata (JSON-LD, alternates), cite-and-reuse, dist/index.html
    output     write the artefacts and the manifest, swapping them into place at once

`build.py` runs the stages in order; `cli.py` is the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"
