"""Translator notes: one line each, whole, whatever lines their source comment had."""

from __future__ import annotations

from explainer.i18n.notes import join_notes


def test_the_lines_of_a_note_are_joined_and_the_tag_left_out() -> None:
    lines = ["NOTE: Under a quote. {speaker} is a name, e.g. “Anies", "Baswedan”."]
    assert join_notes(lines) == ["Under a quote. {speaker} is a name, e.g. “Anies Baswedan”."]


def test_a_tag_repeated_on_a_following_line_goes_on_with_the_note() -> None:
    lines = ["NOTE: Describes the chart. {steps} lists each", "NOTE: bar with its value."]
    assert join_notes(lines) == ["Describes the chart. {steps} lists each bar with its value."]


def test_two_notes_that_share_a_line_keep_it_both() -> None:
    """Babel keeps a message's lines without repeats: "program." went from the second."""
    lines = [
        "NOTE: {first} is a month, written for your language by the",
        "program.",
        "NOTE: {second} is a month, written for your language by the",
        "program.",
    ]
    assert join_notes(lines) == [
        "{first} is a month, written for your language by the program.",
        "{second} is a month, written for your language by the program.",
    ]


def test_notes_that_end_a_sentence_stay_apart_and_the_same_note_is_kept_once() -> None:
    lines = ["A quote in “Disputed claims”.", "Our translation; translate from the original.", ""]
    assert join_notes([*lines, lines[0]]) == lines[:2]
