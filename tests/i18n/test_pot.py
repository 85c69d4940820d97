"""locales/messages.pot is current, every msgid in it is used, and its notes speak plainly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from explainer.build import load_model, prepare
from explainer.i18n.catalogs import po_path
from explainer.i18n.notes import ENDINGS, tidy_notes
from explainer.project import Project
from explainer.render.downloads import chart_images
from explainer.render.page import edition_files
from explainer.render.site import root_file
from tests.support import ROOT, extract_pot

POT = ROOT / "locales" / "messages.pot"
CATALOGS = sorted(ROOT.glob("locales/*/LC_MESSAGES/messages.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _key(message: Message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _what_translators_see(catalog: Catalog) -> dict[tuple[str | None, str], tuple[object, ...]]:
    """Return each message's id, plural, flags, notes and files (not the header's date)."""
    return {
        _key(m): (m.id, sorted(m.flags), m.auto_comments, sorted({f for f, _ in m.locations}))
        for m in catalog
        if m.id
    }


def test_messages_pot_is_not_stale(tmp_path: Path) -> None:
    """Extract into a temporary file and compare its messages with the committed template."""
    pot = extract_pot(tmp_path)
    tidy_notes(pot)  # as `explainer i18n extract` does after pybabel's extract
    committed, current = _what_translators_see(_read(POT)), _what_translators_see(_read(pot))
    assert sorted(map(str, committed.keys() - current.keys())) == [], "not extracted any more"
    assert sorted(map(str, current.keys() - committed.keys())) == [], "not in messages.pot"
    stale = [key for key in committed if committed[key] != current[key]]
    assert stale == [], "run `explainer i18n extract` and `explainer i18n update`"


@pytest.mark.parametrize(
    "path", [POT, *CATALOGS], ids=["pot", *(p.parent.parent.name for p in CATALOGS)]
)
def test_every_note_is_whole(path: Path) -> None:
    """No note ends mid-sentence (an update once cut "… written for your language by the")
    and none carries the extraction tag."""
    cut = [
        f"{_key(m)}: …{note[-50:]!r}"
        for m in _read(path)
        if m.id
        for note in m.auto_comments
        if not note.endswith(ENDINGS) or note.startswith("NOTE:")
    ]
    assert cut == [], "\n".join(cut)


@pytest.mark.parametrize("path", CATALOGS, ids=[p.parent.parent.name for p in CATALOGS])
def test_catalogs_hold_exactly_the_templates_msgids(path: Path) -> None:
    template = {_key(m) for m in _read(POT) if m.id}
    catalog = {_key(m) for m in _read(path) if m.id}
    assert sorted(map(str, catalog - template)) == [], "msgids no output uses"
    assert sorted(map(str, template - catalog)) == [], "msgids missing; run `explainer i18n update`"


def test_every_msgid_is_used_by_an_output(project_copy: Project) -> None:
    """With an empty catalog every string an edition uses falls back: that is all of them."""
    path = po_path(project_copy.locales_dir, "jv")
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n', "utf-8")
    model = load_model(project_copy)[0]
    [edition] = prepare(project_copy, model, ["jv"])
    edition_files(project_copy.templates_dir, edition, model)  # the page, charts and cards
    chart_images(project_copy.templates_dir, edition, model)  # the charts' pictures
    site = [(edition.locale, edition.messages, edition.context)]
    root_file(project_copy.templates_dir, site, {"jv": "jv/x.pdf", "jv+en": "both.pdf"})
    used = edition.messages.fallbacks | {t.msgid for t in model.texts()}
    unused = sorted(_key(m)[1] for m in _read(POT) if m.id and _key(m)[1] not in used)
    assert set(unused) <= CONDITIONAL, sorted(set(unused) - CONDITIONAL)


# Strings only some data show (a date not stated, a figure's bounds): used by the
# code for inputs this edition happens not to have.
CONDITIONAL = {
    # The embed panel gives a card's address for oEmbed only with a site address.
    "In WordPress and other sites that support oEmbed, paste the card’s address on a line of "
    "its own:",
    # Who's who names a news outlet's side only for an outlet with a role.
    "news outlet",
    "date not stated",
    "not stated",
    "on or after {date}",
    "before {date}",
    "as of {date}",
    "by {date}",
    "more than {value}",
    "about {value}",
    "Headline not captured.",
    "No byline in the capture.",
    "This edition is a partial translation; some text is shown in English.",
    "Download the PDF in {language}",  # a card of an edition whose PDF was built
    "Translated by {names}.",  # an edition whose catalog header names its translators
    "bilingual",  # a keyword of the bilingual PDF, which no page shows
}


def test_notes_for_translators_speak_plainly() -> None:
    for message in _read(POT):
        if not message.id or not any(f.startswith("data/") for f, _ in message.locations):
            continue
        notes = " ".join(message.auto_comments)
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        assert not re.search(r"\w\[\d+\]", notes), f"a key path in the note of {msgid!r}"
        assert "“" in notes.split(".")[0] or "cited" in notes, f"no section for {msgid!r}"
        for name in re.findall(r"\{(\w+)\} is ", notes):
            assert f"{{{name}}}" in msgid, f"{{{name}}} is described but not in {msgid!r}"
        assert "datearg" not in notes and "'" not in re.sub(r"\w'\w", "", notes), notes
