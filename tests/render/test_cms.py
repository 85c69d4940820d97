"""The CMS-safe fragments, through WordPress's own filter: what an author without the
unfiltered_html capability pastes is saved unchanged.

tests/render/kses.php runs wp_kses_post from WordPress's wp-includes/kses.php (Debian's
wordpress package, unpacked into .wordpress/ by `scripts/system-deps.sh test`, which
`make test` runs) and prints what it keeps. Skipped only if php or kses.php is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from explainer.project import CMS_FRAGMENT_KIND, FRAGMENT_KIND
from explainer.render.cms import kses_references
from tests.support import ROOT, manifest

HARNESS = Path(__file__).with_name("kses.php")
KSES = ROOT / ".wordpress" / "wp-includes" / "kses.php"
PHP = shutil.which("php")

needs_kses = pytest.mark.skipif(
    PHP is None or not KSES.is_file(),
    reason=f"php or {KSES.relative_to(ROOT)} is missing (`scripts/system-deps.sh test` adds both)",
)


def wp_kses_post(html: str) -> str:
    """Return what WordPress keeps of `html` posted by an author without unfiltered_html."""
    assert PHP is not None
    done = subprocess.run(
        [PHP, str(HARNESS), str(KSES)],
        input=html,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert not done.stderr, done.stderr
    return done.stdout


def files(dist: Path, kind: str) -> list[Path]:
    paths = [dist / e["path"] for e in manifest(dist) if e["kind"] == kind]
    assert paths, kind
    return paths


@needs_kses
def test_every_cms_safe_fragment_passes_wp_kses_post_unchanged(dist: Path) -> None:
    changed = []
    for path in files(dist, CMS_FRAGMENT_KIND):
        html = path.read_text(encoding="utf-8")
        if wp_kses_post(html) != html:
            changed.append(str(path.relative_to(dist)))
    assert not changed, f"WordPress would change: {changed}"


@needs_kses
def test_wp_kses_post_strips_the_styled_fragment(dist: Path) -> None:
    """The test above can fail: the styled fragment loses its <style> and <svg> elements."""
    for path in files(dist, FRAGMENT_KIND):
        html = path.read_text(encoding="utf-8")
        kept = wp_kses_post(html)
        assert kept != html, path
        assert "<style" in html and "<style" not in kept, path
    # …and shows the style sheet as text, which is why the CMS-safe variant exists.
    assert ".okx-fragment" in re.sub(r"<[^>]*>", "", kept)


@needs_kses
def test_wp_kses_post_drops_css_that_safecss_does_not_allow() -> None:
    html = '<p style="color:#fff;white-space:nowrap;display:flex;width:50%">x</p>'
    assert wp_kses_post(html) == '<p style="color:#fff;width:50%">x</p>'


def test_cms_safe_fragments_need_nothing_wordpress_strips(dist: Path) -> None:
    """Checked without PHP too: no element KSES removes, no id, no class, no <svg> chart."""
    for path in files(dist, CMS_FRAGMENT_KIND):
        html = path.read_text(encoding="utf-8")
        for tag in ("style", "svg", "script", "iframe", "link", "img"):
            assert f"<{tag}" not in html, (path, tag)
        for attribute in ("id", "class", "aria-labelledby", "onload", "onclick"):
            assert not re.search(rf"\s{attribute}=", html), (path, attribute)
        if path.name.startswith(("results.", "all.")):
            # The charts, as bars of <div>s sized in %.
            assert re.search(r'width:\d+(\.\d+)?%"></div>', html), path


def test_kses_references_writes_quotes_as_wordpress_stores_them() -> None:
    assert kses_references("Ma&#39;ruf &#34;OK&#34; &amp; &#8212;") == (
        "Ma&#039;ruf &#034;OK&#034; &amp; &#8212;"
    )
