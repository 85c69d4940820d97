"""Build a cited, bilingual explainer of Jakarta's OK OCE programme.

The pipeline, one subpackage per stage, each importing only the stages below it:

    facts/       YAML data files → validated model
    i18n/        gettext catalogs, Babel formatting, the placeholder grammar
    context/     model + locale → typed template context (and the charts' layout)
    render/      context → HTML: page, cards, fragments, site index, bilingual edition
    pdf/         print HTML → PDF with WeasyPrint, in parallel, cached
    printing.py  the editions' print HTML, share images and chart pictures → pdf/
    output.py    write the artefacts and the manifest, swapping them into place at once
    build.py     the stages in order
    commands/    the command line

`project.py` names every input and artefact; `errors.py` holds the errors the
command line turns into messages.
"""

from __future__ import annotations

__version__ = "0.1.0"
