"""Allow `python -m explainer`."""

from __future__ import annotations

import sys

from explainer.commands.cli import main

sys.exit(main())
