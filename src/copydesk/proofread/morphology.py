"""English words Hunspell lacks but English builds: derivations, closed compounds and
loanwords in a foreign phrase.

Each test takes a ``known`` function (a Hunspell lookup) so the caller decides which
dictionaries count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

Known = Callable[[str], bool]

# Suffixes Hunspell's affix rules leave out for some stems ("stranding" → "strandings").
_PLURALISABLE = ("ing", "ment", "ist", "ism", "ance", "ence")
# Shortest singular of a plural Hunspell's entry lacks ("dialogs"; "ints" is a slip).
MIN_PLURAL_STEM = 5
# Endings of words a plain -s does not pluralise: -es plurals (Hunspell's own rule),
# pasts and comparatives.
_NOT_PLURALISED = ("s", "x", "z", "ch", "sh", "ed", "er")
# Adjective endings of words used as nouns ("globals", "generics", "positives").
_ADJECTIVE_NOUNS = ("al", "ic", "ive")
# Zipf frequency an adjective's plural needs to count as a noun in use.
ADJECTIVE_PLURAL_ZIPF = 1.5
# Zipf frequencies between which a word Hunspell lists bare is a noun in use.
FREQUENT_BARE_ZIPF = 3.0
COMMON_BARE_ZIPF = 4.0
# Shortest noun, and its Zipf frequency, whose -ed may be a noun used as a verb.
MIN_DENOMINAL = 6
DENOMINAL_ZIPF = 3.5
# Endings of an -able derivation, longest first ("pickleability", "hashables").
_ABLE_ENDINGS = ("abilities", "ability", "ables", "ably", "able")
# Verb endings whose e is always dropped before -able ("recognizable", "advisable").
_E_DROPPED = ("ize", "ise", "yze", "yse")
# Shortest stem of an -able derivation, without an e ("hashable"; three letters make
# slips of other words: "redable", "cabable", "witable").
MIN_ABLE_STEM = 4
_VOWELS = "aeiou"
# Shortest part of a closed compound ("ultra" + "low", "movie" + "going").
MIN_PART = 3
# Suffixes that are words too: a "compound" ending in one is a derivation.
_SUFFIX_WORDS = ("able", "ably", "ability")
# Suffixes that are words, as a whole tail: "severless" is "server" mistyped, not
# "sever" + "less" ("lessons" is no suffix).
_SUFFIX_TAILS = frozenset({"less", "lessly", "lessness", "ness", "nesses"})
# The -less adjective of a common word ("passwordless"; "severless" of "sever", Zipf
# 3.15, is "serverless" mistyped): its stem's Zipf frequency and shortest length.
LESS_ZIPF = 3.5
MIN_LESS_STEM = 5
# Zipf frequency (wordfreq) a closed compound needs: in use, if rarely.
COMPOUND_ZIPF = 1.0
# Zipf frequency each part of a compound wordfreq lacks needs: a common word.
PART_ZIPF = 3.0
# Shortest part of such a compound: three letters are suffixes and prefixes written
# as words ("document" + "ion", "con" + "fig") as often as words.
MIN_PLAIN_PART = 4
# Endings of an inflected or derived tail: a new noun compound ends in a plain noun.
_INFLECTED = ("ed", "ing", "ly", "ion", "ions", "al", "ful", "full")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# English function words (articles, pronouns, prepositions, conjunctions, auxiliaries,
# common adverbs): written together with another common word that wordfreq has not
# seen as one, they are two words run into one, a slip and no question ("withold",
# "thosepeople", "couldhave", "citywhich"). Run-togethers in common use pass before this
# test is reached: wordfreq's Zipf 3 passes any word ("eachother", "aswell", "atleast",
# "thankyou"), and a compound of Zipf 1 of known parts passes too; shorter ones have
# no part of MIN_PART letters ("infact", "ontop" are flagged as unknown words).
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "either",
    "neither", "some", "any", "no", "none", "all", "both", "few", "many", "much", "more",
    "most", "other", "another", "such", "what", "which", "who", "whom", "whose",
    "whatever", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
    "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their",
    "theirs", "one", "ones", "myself", "yourself", "himself", "herself", "itself",
    "ourselves", "themselves", "in", "on", "at", "by", "for", "from", "to", "of", "off",
    "up", "down", "out", "over", "under", "into", "onto", "upon", "with", "within",
    "without", "about", "above", "below", "across", "after", "before", "behind", "beside",
    "besides", "between", "beyond", "during", "except", "inside", "outside", "through",
    "throughout", "toward", "towards", "until", "till", "via", "per", "near", "against",
    "among", "amongst", "around", "along", "since", "than", "like", "unlike", "and", "or",
    "but", "nor", "so", "yet", "if", "unless", "because", "although", "though", "while",
    "whereas", "whether", "be", "am", "is", "are", "was", "were", "been", "being", "have",
    "has", "had", "having", "do", "does", "did", "done", "can", "could", "may", "might",
    "must", "shall", "should", "will", "would", "ought", "not", "very", "too", "also",
    "just", "only", "even", "ever", "never", "still", "already", "again", "once", "here",
    "there", "where", "when", "why", "how", "then", "thus", "hence", "else", "well",
})  # fmt: skip
# Zipf frequency in another language at which a word is common there.
FOREIGN_ZIPF = 3.5
# Languages whose words turn up in English news.
FOREIGN_LANGS = ("fr", "de", "es", "it", "pt", "nl")


@lru_cache(maxsize=65536)
def frequency(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def derived(word: str, known: Known) -> bool:
    """A derivation of a known word that Hunspell's affix rules do not make."""
    return (_suffix_plural(word, known) or able(word, known) or plural(word, known)
            or denominal(word, known) or _less(word, known))


def _less(word: str, known: Known) -> bool:
    """The -less adjective of a common known word ("passwordless"): a stem of
    :data:`MIN_LESS_STEM` letters or more and Zipf :data:`LESS_ZIPF`, and no known
    word one edit away."""
    stem = word.removesuffix("less")
    return (stem != word and len(stem) >= MIN_LESS_STEM and known(stem)
            and frequency(stem, "en") >= LESS_ZIPF and not near(word, known))


def denominal(word: str, known: Known) -> bool:
    """The -ed of a common noun used as a verb ("gatewayed", "platformed"): a noun of
    :data:`MIN_DENOMINAL` letters or more and Zipf :data:`DENOMINAL_ZIPF`, with a
    plural and no verb forms in the dictionary, and no known word one edit away.

    Measured on codespell's misspellings, each condition stops a class of slips: a
    verb whose -ed is missing is irregular or spelt otherwise ("knowned", "occured");
    a rarer noun makes slips ("failled" of "faille", "bloked"); -ing ("origining") and
    agent nouns in -er ("observered", "wrappered") are slips of the verb."""
    noun = word.removesuffix("ed")
    return (noun != word and len(noun) >= MIN_DENOMINAL and not noun.endswith("er")
            and known(noun) and known(noun + "s")
            and frequency(noun, "en") >= DENOMINAL_ZIPF
            and not any(known(form) for form in _verb_forms(noun))
            and not near(word, known))


def plural(word: str, known: Known) -> bool:
    """The plural of a word Hunspell lists with no plural, possessive or verb forms:
    a noun whose entry lacks the flag ("dialogs"), or an adjective in use as a noun
    ("globals", "essentials").

    A word the dictionary gives a possessive but no plural is uncountable or a pronoun
    ("informations", "everyones" are slips); one with -ed or -ing forms is a verb; one
    ending in -ed or -er is a past or a comparative ("mappeds", "soliders"). A bare
    entry must be in use (Zipf 3) but not common (4: "thoughs", "amongs" are slips of
    function words; rarer entries are archaisms that slips spell: "hights", "spilts");
    an adjective's plural must be in use itself, for writers pluralise adjectives by
    mistake ("additionals", "controversials")."""
    if not word.endswith("s") or word.endswith(("ss", "ys")):
        return False
    stem = word[:-1]
    if (len(stem) < MIN_PLURAL_STEM or stem.endswith(_NOT_PLURALISED)
            or not known(stem) or known(stem + "'s")
            or any(known(form) for form in _verb_forms(stem))):
        return False
    if stem.endswith(_ADJECTIVE_NOUNS):
        return frequency(word, "en") >= ADJECTIVE_PLURAL_ZIPF
    return FREQUENT_BARE_ZIPF <= frequency(stem, "en") < COMMON_BARE_ZIPF


def _verb_forms(stem: str) -> tuple[str, ...]:
    """A verb's -ed and -ing forms, with a final e dropped or a consonant doubled."""
    if stem.endswith("e"):
        return stem + "d", stem[:-1] + "ing"
    doubled = stem + stem[-1]
    return stem + "ed", stem + "ing", doubled + "ed", doubled + "ing"


def _suffix_plural(word: str, known: Known) -> bool:
    """A plural of a noun Hunspell knows but not in the plural ("strandings")."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stem = word[:-1]
    return stem.endswith(_PLURALISABLE) and known(stem)


def able(word: str, known: Known) -> bool:
    """An -able adjective of a known verb or noun ("hashable", "bingeable"), or its
    -ability, -ably or plural ("pickleability", "wearables"); not an :func:`able_slip`.

    English drops a silent e before -able ("pickle" → "picklable") but keeps it after
    a soft c or g ("noticeable", "bingeable"); after other stems either spelling is
    in use ("parseable", "sizeable"), unless the dictionary drops the e
    (:func:`able_slip`)."""
    adjective = _adjective(word)
    if adjective is None:
        return False
    stem = adjective[: -len("able")]
    if len(stem.removesuffix("e")) < MIN_ABLE_STEM or able_slip(word, known):
        return False  # "fability" is not of "fable"
    if adjective != word and known(adjective):
        return True
    return known(stem) or (not stem.endswith("e") and known(stem + "e"))


def able_slip(word: str, known: Known) -> bool:
    """An -able word (or its -ability, -ably, plural) spelt against the dictionary:
    a soft c or g without its e ("noticable", "bingable"), an e kept where the
    dictionary drops it ("achieveable", "createable"; so "updateable" too, for
    "updatable") or after -ize or -ise ("recognizeable"), or a word the dictionary
    has with -ible ("accessable", "reversable"), a doubled consonant ("controlable"),
    y as i ("identifyable") or without the verb's -ate ("iteratable",
    "demonstratable")."""
    adjective = _adjective(word)
    if adjective is None or len(adjective) < len("able") + 2:
        return False
    stem = adjective[: -len("able")]
    if stem.endswith(("c", "g")) and known(stem + "e"):
        return True
    if stem.endswith("e") and not stem.endswith(("ce", "ge")) and known(stem[:-1] + "able"):
        return True  # "achieveable", "deleteable": the dictionary drops the e
    rivals = [stem.removesuffix("e") + "ible", stem + stem[-1] + "able"]
    if stem.endswith(_E_DROPPED):
        rivals.append(stem[:-1] + "able")
    if stem.endswith("y") and stem[-2:-1] not in _VOWELS:
        rivals.append(stem[:-1] + "iable")  # "identifyable" for "identifiable"
    if stem.endswith(("at", "ate")):
        rivals.append(stem.removesuffix("e")[:-2] + "able")  # "iteratable" for "iterable"
    return any(known(other) for other in rivals)


def _adjective(word: str) -> str | None:
    """The -able adjective of a word with one of :data:`_ABLE_ENDINGS`, else None."""
    for ending in _ABLE_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + "able"
    return None


def compound(word: str, known: Known) -> bool:
    """A closed compound of two known words that is in use ("ultralow", "moviegoing").
    One wordfreq has not seen is at best two words run together: see
    :func:`run_together`."""
    if not _compoundable(word, known) or frequency(word.casefold(), "en") < COMPOUND_ZIPF:
        return False
    return any(known(head) and (known(tail) or derived(tail, known))
               for head, tail in _cuts(word))


def run_together(word: str, known: Known) -> str | None:
    """Two common content words written as one, as the words with a space between
    ("primeminister" → "prime minister", "mailserver" → "mail server"): the parts
    of a compound wordfreq has not seen, see :func:`_plain_compound`. Such a word may
    be a new compound ("bytestream") as often as a missing space ("citycouncil",
    "chairsaid"): it is a question for the writer, not a word that passes. None when
    no cut makes two such words."""
    if not _compoundable(word, known):
        return None
    for head, tail in _cuts(word):
        if (known(head) and (known(tail) or derived(tail, known))
                and _plain_compound(word, head, tail, known)):
            return f"{head} {tail}"
    return None


def _compoundable(word: str, known: Known) -> bool:
    """Long enough for two parts, with no doubled letter or -able spelling that makes
    it a slip of one word ("pasttime", "accessable")."""
    return (len(word) >= 2 * MIN_PART + 1 and not _undoubled(word, known)
            and not able_slip(word, known))


def _cuts(word: str) -> Iterator[tuple[str, str]]:
    """Every split of ``word`` into a head and a tail of :data:`MIN_PART` letters or
    more whose tail is no suffix written as a word ("accessable", "severless": a
    derivation, which :func:`able` judges, or a slip)."""
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if not tail.startswith(_SUFFIX_WORDS) and tail not in _SUFFIX_TAILS:
            yield head, tail


def _plain_compound(word: str, head: str, tail: str, known: Known) -> bool:
    """A compound wordfreq has not seen: both parts common words (Zipf 3, singular
    for a plural tail), neither a function word ("withold", "thosepeople", "couldhave"
    are two words run together with no question), and no known word one edit away ("suprise"
    is "sup" + "rise", "bookeeping" "boo" + "keeping", "carefull" "care" + "full")."""
    if min(len(head), len(tail)) < MIN_PLAIN_PART or head.endswith("s"):
        return False
    if tail.endswith(_INFLECTED):
        return False
    singular = tail[:-1] if tail.endswith("s") and not known(tail) else tail
    if head in FUNCTION_WORDS or singular in FUNCTION_WORDS or tail in FUNCTION_WORDS:
        return False
    if min(frequency(head, "en"), frequency(singular, "en")) < PART_ZIPF:
        return False
    return not near(word, known)


def near(word: str, known: Known) -> bool:
    """Whether a known word is one edit away from ``word`` (which is then more likely
    that word mistyped than a word built of known parts); a name counts, capitalised
    ("bluetoot" is "Bluetooth" mistyped)."""
    return any(known(other) or known(other[:1].upper() + other[1:]) for other in edits(word))


def edits(word: str, letters: str = _LETTERS) -> Iterator[str]:
    """Every string one deletion, transposition, substitution or insertion of one of
    ``letters`` (lowercase English by default) away from ``word``."""
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        for letter in letters:
            if tail and letter != tail[0]:
                yield head + letter + tail[1:]
            yield head + letter + tail


def _undoubled(word: str, known: Known) -> bool:
    """A doubled letter whose removal makes a known word: a slip ("pasttime", "wellcome")."""
    return any(
        word[i] == word[i + 1] and known(word[:i] + word[i + 1 :]) for i in range(len(word) - 1)
    )


def foreign(word: str) -> str | None:
    """The language in which ``word`` is common and more common than in English."""
    lower = word.casefold()
    english = frequency(lower, "en")
    for lang in FOREIGN_LANGS:
        there = frequency(lower, lang)
        if there >= FOREIGN_ZIPF and there > english + 1:
            return lang
    return None


def foreign_in(word: str, lang: str) -> bool:
    """Whether ``word`` is a common word of ``lang`` more used there than in English."""
    lower = word.casefold()
    there = frequency(lower, lang)
    return there >= FOREIGN_ZIPF and there > frequency(lower, "en")
