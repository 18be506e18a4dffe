"""Hunspell dictionaries, loaded once per language on first use, with per-word caches.

The Debian packages ``hunspell-en-us``, ``hunspell-uk`` and ``hunspell-ru`` install
the dictionaries under /usr/share/hunspell; ``COPYDESK_HUNSPELL_DIR`` points elsewhere.
English has one dictionary per variant (:func:`english`): ``hunspell-en-gb``,
``hunspell-en-au`` and ``hunspell-en-ca`` beside ``hunspell-en-us``.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from copydesk.proofread.rule import Lang

DEFAULT_DIR = "/usr/share/hunspell"
#: Answers remembered per language before the memory is cleared (long-running workers).
MAX_REMEMBERED = 500_000
DICTIONARY_NAMES: dict[Lang, str] = {"en": "en_US", "uk": "uk_UA", "ru": "ru_RU"}
#: The English variants' dictionaries, by BCP 47 tag.
ENGLISH_DICTIONARIES: dict[str, str] = {
    "en-US": "en_US", "en-GB": "en_GB", "en-AU": "en_AU", "en-CA": "en_CA",
}  # fmt: skip


class DictionaryMissingError(RuntimeError):
    """The Hunspell files for a language are not installed."""


def dictionary_dir() -> Path:
    return Path(os.environ.get("COPYDESK_HUNSPELL_DIR", DEFAULT_DIR))


def dictionary_files(lang: Lang, name: str | None = None) -> tuple[Path, Path]:
    """The ``.aff`` and ``.dic`` files for ``lang`` (or the dictionary ``name``)."""
    base = dictionary_dir() / (name or DICTIONARY_NAMES[lang])
    return base.with_suffix(".aff"), base.with_suffix(".dic")


def dictionaries_installed(lang: Lang, name: str | None = None) -> bool:
    return all(path.is_file() for path in dictionary_files(lang, name))


class Lexicon:
    """Answers "is this a word?" for one language, remembering every answer."""

    def __init__(self, lang: Lang, name: str | None = None) -> None:
        self.lang = lang
        self.name = name or DICTIONARY_NAMES[lang]
        self._hunspell: Any = None
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def _engine(self) -> Any:
        if self._hunspell is None:
            with self._lock:
                if self._hunspell is None:
                    if not dictionaries_installed(self.lang, self.name):
                        aff, _ = dictionary_files(self.lang, self.name)
                        package = self.name.lower().replace("_", "-")
                        if self.lang != "en":
                            package = self.lang
                        raise DictionaryMissingError(
                            f"Hunspell dictionary {self.name} not found at {aff.parent}; "
                            f"install the Debian package hunspell-{package}."
                        )
                    from hunspell import Hunspell

                    self._hunspell = Hunspell(self.name, hunspell_data_dir=str(dictionary_dir()))
        return self._hunspell

    def known(self, word: str) -> bool:
        verdict = self._known.get(word)
        if verdict is None:
            if len(self._known) > MAX_REMEMBERED:
                self._known.clear()
            verdict = bool(self._engine().spell(word))
            self._known[word] = verdict
        return verdict

    def clear_cache(self) -> None:
        """Forget remembered answers (the dictionary itself stays loaded)."""
        self._known.clear()
        self._suggestions.clear()

    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        found = self._suggestions.get(word)
        if found is None:
            if len(self._suggestions) > MAX_REMEMBERED:
                self._suggestions.clear()
            found = tuple(self._engine().suggest(word))[:limit]
            self._suggestions[word] = found
        return found


@lru_cache(maxsize=3)
def lexicon(lang: Lang) -> Lexicon:
    """The shared lexicon for ``lang`` (created on first use; loads on first lookup)."""
    return Lexicon(lang)


@lru_cache(maxsize=len(ENGLISH_DICTIONARIES))
def english(variant: str) -> Lexicon:
    """The shared lexicon of one English variant ("en-GB"); "en-US" is ``lexicon("en")``."""
    if variant == "en-US":
        return lexicon("en")
    return Lexicon("en", ENGLISH_DICTIONARIES[variant])
