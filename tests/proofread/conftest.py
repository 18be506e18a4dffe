"""Fixtures for the proofreading tests.

``hunspell``: the Debian Hunspell dictionaries (hunspell-en-us, hunspell-uk,
hunspell-ru). Without them the tests that use it are skipped with the reason shown;
with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import os

import pytest

from copydesk.proofread.lexicon import DICTIONARY_NAMES, dictionaries_installed, dictionary_dir

CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def hunspell() -> None:
    missing = [name for lang, name in DICTIONARY_NAMES.items() if not dictionaries_installed(lang)]
    if missing:
        message = (
            f"Hunspell dictionaries {', '.join(missing)} not found in {dictionary_dir()} "
            "(apt-get install hunspell-en-us hunspell-uk hunspell-ru)"
        )
        if CI:
            pytest.fail(message + "; CI=true requires them", pytrace=False)
        pytest.skip(message)
