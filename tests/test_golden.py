"""The session build matches the golden files committed under tests/golden/, byte for byte.

A difference is shown as a unified diff. If the change is intended, regenerate
the golden files with `make golden` and commit them with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import FILES, GOLDEN, difference


@pytest.mark.parametrize("name", FILES)
def test_output_matches_the_golden_file(dist: Path, name: str) -> None:
    golden = GOLDEN / name
    assert golden.is_file(), f"{golden} is missing: run `make golden`"
    expected = golden.read_text(encoding="utf-8")
    actual = (dist / name).read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(
            f"{name} differs from its golden file (if intended: `make golden`, then commit)\n"
            + difference(name, expected, actual),
            pytrace=False,
        )
