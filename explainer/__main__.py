"""Allow `python -m explainer`."""

from __future__ import annotations

import sys

from explainer.cli import main

sys.exit(main())
