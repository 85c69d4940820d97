"""Ids and links to them: prefixed on the page and the cards, none in a fragment."""

from __future__ import annotations

from explainer.render.anchors import Elsewhere, anchor_href, described_by, id_attr, labelled_by


def test_a_prefix_goes_before_every_id_and_every_reference_to_one() -> None:
    assert id_attr("en-", "source-3") == ' id="en-source-3"'
    assert anchor_href("en-", "source-3") == "#en-source-3"
    assert labelled_by("", "about-title") == ' aria-labelledby="about-title"'
    assert described_by("", "chart-desc") == ' aria-describedby="chart-desc"'


def test_markup_without_ids_links_to_the_page_that_has_them() -> None:
    page = Elsewhere("../index.html")
    assert id_attr(page, "source-3") == ""
    assert labelled_by(page, "about-title") == "" and described_by(page, "x") == ""
    assert anchor_href(page, "source-3") == "../index.html#source-3"


def test_ids_are_escaped() -> None:
    assert id_attr('"><script>', "x") == ' id="&#34;&gt;&lt;script&gt;x"'
