"""Fixtures of the browser tests: the built site and host pages on two origins, and Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import CHROMEDRIVER, CHROMIUM, FLAGS, serving


@pytest.fixture(scope="session")
def site(dist: Path) -> Iterator[str]:
    """The built site, served over HTTP from 127.0.0.1."""
    with serving(dist) as address:
        yield address


@pytest.fixture(scope="session")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder for host pages and its server (another origin than the site)."""
    folder = tmp_path_factory.mktemp("hosts")
    with serving(folder) as address:
        yield folder, address


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, with a throwaway profile (chromedriver's) and no background
    networking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
