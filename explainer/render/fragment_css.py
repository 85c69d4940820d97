"""The style sheet of a pasted fragment: card.css moved under the fragment's own root.

Every style sheet here is written under `.okoce-explainer`. A fragment's <style>
stays on the outlet's page for good, beside fragments of later editions and the
outlet's theme, so it is scoped under a root class that carries the style version
(`okx-v3`): a later edition's rules cannot reach a fragment pasted earlier, nor this
one's reach theirs. The scope is two classes, to outweigh a theme's `.entry-content p`.
A fragment also cannot rely on the host's root font size, so rem becomes px.
"""

from __future__ import annotations

import functools
import re

WRITTEN_UNDER = ".okoce-explainer"
# The browser's default root font size, which rem means in our own pages and cards.
REM_PX = 16

_CSS_SKIP = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
_ROOT = re.compile(re.escape(WRITTEN_UNDER) + r"(?![\w-])")
_REM = re.compile(r"(?<![\w.-])(\d*\.?\d+)rem(?![\w-])")


def fragment_scope(root_class: str) -> str:
    """Return the selector every rule of a fragment starts with."""
    return f".{root_class}.okx-fragment"


@functools.lru_cache(maxsize=64)
def fragment_css(css: str, root_class: str) -> str:
    """Return `css` (minified: no comments) under the fragment's versioned root, rem as px."""
    parts = _CSS_SKIP.split(css)
    for i in range(0, len(parts), 2):
        scoped = _ROOT.sub(fragment_scope(root_class), parts[i])
        parts[i] = _REM.sub(lambda m: _px(float(m.group(1))), scoped)
    return "".join(parts)


def _px(rem: float) -> str:
    """Return `rem` root ems as pixels, without needless decimals."""
    return f"{rem * REM_PX:g}px"
