from __future__ import annotations

import pytest

from copydesk.proofread.finding import Severity
from copydesk.proofread.misspellings import misspellings
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.spelling import Spelling

pytestmark = pytest.mark.usefixtures("hunspell")


@pytest.mark.parametrize(
    ("text", "lang", "found", "suggestion"),
    [
        ("We did not recieve the letter.", "en", "recieve", "receive"),
        ("The goverment said no.", "en", "goverment", "government"),
        ("Goverment officials said no.", "en", "Goverment", "Government"),
        ("They wantd to leave.", "en", "wantd", None),
        ("A well-knwn figure.", "en", "knwn", None),
        ("The bookking office.", "en", "bookking", None),
        ("She was leanring fast.", "en", "leanring", None),
        ("Ми отримали прубрали листи.", "uk", "прубрали", None),
        ("Это агенство новостей.", "ru", "агенство", "агентство"),
        ("Мы получили превет.", "ru", "превет", None),
    ],
)
def test_catches(text: str, lang: Lang, found: str, suggestion: str | None) -> None:
    findings = Spelling(suggest=True).check(text, lang)
    assert [f.text for f in findings] == [found]
    finding = findings[0]
    assert text[finding.start : finding.end] == found
    if suggestion is not None:
        assert finding.suggestions[0] == suggestion
    else:
        assert finding.suggestions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The colour of the organised march.", "en"),
        ("Kovalenko and Zelensky met in Kyiv.", "en"),
        ("NATO and the EU met; the UNHCR too.", "en"),
        ("Visit https://news.example/recieve-it or mail wantd@example.com today.", "en"),
        ("Follow #recieveday and @wantd for updates.", "en"),
        ("The 5km race had 3rd place at 10am.", "en"),
        ("She outsprinted them by midmorning.", "en"),
        ("It permits relicensing of the code.", "en"),
        ("The board ok'd it; y'all know rock'n'roll.", "en"),
        ("The a cappella group's iPhone app.", "en"),
        ("Він поїхав до Києва з Кракова, а potim назад.", "uk"),
        ("Москва и Санкт-Петербург.", "ru"),
    ],
)
def test_allows(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


def test_newsroom_words_are_accepted() -> None:
    text = "Councillor Obasanjo-Whyte met the flowbus team."
    assert [f.text for f in Spelling(suggest=False).check(text, "en")] == ["flowbus"]
    assert Spelling(["Flowbus"], suggest=False).check(text, "en") == []


def test_suggestions_can_be_switched_off() -> None:
    (finding,) = Spelling(suggest=False).check("They wantd it.", "en")
    assert finding.suggestions == ()


@pytest.mark.parametrize("lang", LANGS)
def test_no_shipped_misspelling_is_a_word(lang: Lang) -> None:
    from copydesk.proofread.lexicon import lexicon

    words = lexicon(lang)
    table = misspellings(lang)
    assert table
    assert [wrong for wrong in table if words.known(wrong)] == []


def test_english_list_has_a_few_hundred_entries() -> None:
    assert len(misspellings("en")) >= 300


@pytest.mark.parametrize(
    "text",
    [
        "Whale strandings rose as diehard fans watched.",
        "An ultralow price drew the moviegoing public.",
        "Shootings and sightings were reported.",
    ],
)
def test_derivations_and_compounds_pass(text: str) -> None:
    assert Spelling(suggest=False).check(text, "en") == []


def test_doubled_letter_compounds_are_still_slips() -> None:
    found = Spelling(suggest=False).check("A favourite pastime, a wellcome guest.", "en")
    assert [f.text for f in found] == ["wellcome"]


def test_quoted_french_phrase_passes() -> None:
    text = 'The chef called it "une belle réussite" on Monday, and "tout le monde" agreed.'
    assert Spelling(suggest=False).check(text, "en") == []


def test_foreign_phrase_outside_quotes_passes_but_a_lone_lookalike_does_not() -> None:
    assert Spelling(suggest=False).check("It had a certain joie de vivre.", "en") == []
    found = Spelling(suggest=False).check("He gave an exemple of it.", "en")
    assert [f.text for f in found] == ["exemple"]


def test_quoted_english_is_still_checked() -> None:
    found = Spelling(suggest=False).check('"We wantd to leave early," she said.', "en")
    assert [f.text for f in found] == ["wantd"]


def test_a_name_repeated_in_the_article_passes() -> None:
    once = "The rapper zorblax performed."
    assert [f.text for f in Spelling(suggest=False).check(once, "en")] == ["zorblax"]
    named = "The rapper zorblax performed. Fans of Zorblax waited for hours."
    assert Spelling(suggest=False).check(named, "en") == []
    repeated = "zorblax sang; zorblax danced; the crowd chanted zorblax."
    assert Spelling(suggest=False).check(repeated, "en") == []


def test_name_particles_pass() -> None:
    assert Spelling(suggest=False).check("The keeper ter Stegen and dos Santos.", "en") == []


@pytest.mark.parametrize("word", ["recieve", "goverment", "wantd", "leanring", "accomodate",
                                  "seperate", "definately", "occurence", "tommorow"])
def test_real_misspellings_are_still_caught(word: str) -> None:
    found = Spelling(suggest=False).check(f"They said it would {word} soon.", "en")
    assert [f.text for f in found] == [word]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Метапошуковців стає більше.", "uk"),
        ("Це суперзапалення, кажуть лікарі.", "uk"),
        ("Кількість надпродуцентів зросла.", "uk"),
        ("Над палаючими будинками кружляли дрони.", "uk"),
        ("Танцюючі пари вийшли на площу.", "uk"),
        ("Важлива рóбота триває.", "uk"),
        ("Суперпопулярные видео набрали миллион просмотров.", "ru"),
    ],
)
def test_slavic_derivations_pass(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Кількість метапрубрали зросла.", "метапрубрали"),
        ("Над прубраючими будинками кружляли дрони.", "прубраючими"),
        ("Важлива рóбтоа триває.", "рóбтоа"),
    ],
)
def test_slavic_derivations_need_a_known_word(text: str, found: str) -> None:
    assert [f.text for f in Spelling(suggest=False).check(text, "uk")] == [found]


def test_a_word_with_a_combining_stress_mark_is_checked_without_it() -> None:
    assert Spelling(suggest=False).check("Важлива ро\u0301бота триває.", "uk") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Я пам"ятав його. Під`їзд зачинено.', "uk"),
        ("Н-ні, н-не бач-чили. Че-есне слово!", "uk"),
        ("Це грузинсько-вірменські рельєфи свинцево-сірого кольору.", "uk"),
        ("I'm s-sorry, she said.", "en"),
    ],
)
def test_apostrophes_stammers_and_compound_heads_pass(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Це грузінсько-вірменські рельєфи.", "uk", "грузінсько"),
        ("Вони не бач-чилли нас.", "uk", "чилли"),
        ("The s-sorri tale.", "en", "sorri"),
    ],
)
def test_near_misses_of_those_are_still_flagged(text: str, lang: Lang, found: str) -> None:
    assert [f.text for f in Spelling(suggest=False).check(text, lang)] == [found]


def test_ukrainian_loans_and_slang_vesum_knows_pass() -> None:
    text = "Ми пропустили дедлайн, це був хайп і фідбек, працюємо у коворкінгу."
    assert Spelling(suggest=False).check(text, "uk") == []


def test_non_normative_forms_vesum_marks_are_notes_and_g_for_ge_a_misspelling() -> None:
    text = "Треба получати лист, а плян змінився; на ганку стояв слідуючий."
    found = Spelling(suggest=False).check(text, "uk")
    assert [(f.text, f.severity) for f in found] == [
        ("получати", Severity.INFO),
        ("плян", Severity.INFO),
        ("ганку", Severity.WARNING),
        ("слідуючий", Severity.ERROR),
    ]
    assert "non-normative" in found[0].message and "older orthography" in found[1].message


def test_russian_quoted_in_a_ukrainian_text_passes_but_quoted_ukrainian_is_checked() -> None:
    spelling = Spelling(suggest=False)
    russian = 'Він відповів: «Какая карєнная разніца, дєнь как дєнь» і пішов.'
    assert spelling.check(russian, "uk") == []
    ukrainian = "Він відповів: «Яка різниця, день як прубрали день» і пішов."
    assert [f.text for f in spelling.check(ukrainian, "uk")] == ["прубрали"]
    # One or two words in quotes are a term, not a phrase in another language.
    assert [f.text for f in spelling.check("Він сказав «прівєт» і пішов.", "uk")] == ["прівєт"]


def test_prefixes_written_with_a_hyphen_are_not_joined() -> None:
    found = Spelling(suggest=False).check("Там был экспрезидент и эксчемпион.", "ru")
    assert [f.text for f in found] == ["экспрезидент", "эксчемпион"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The gov\u00adern\u00adment an\u200bnounced it.", "en"),
        ("Уряд ухва\u00adлив но\u2060вий бюджет.", "uk"),
    ],
)
def test_invisible_characters_inside_a_word_do_not_split_it_into_misspellings(
    text: str, lang: Lang
) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Це пере\u00adвіркка тексту.", "uk", "пере\u00adвіркка"),
        ("Нова ми\u0306йкка стоїть.", "uk", "ми\u0306йкка"),  # NFD: и + breve is й
        ("The gov\u00adernmnt said so.", "en", "gov\u00adernmnt"),
        ("Важлива ро\u0301бтоа триває.", "uk", "ро\u0301бтоа"),
    ],
)
def test_a_misspelling_with_an_invisible_character_is_still_found_where_it_is(
    text: str, lang: Lang, found: str
) -> None:
    [finding] = Spelling(suggest=False).check(text, lang)
    assert finding.text == found == text[finding.start : finding.end]


def test_a_word_of_the_other_language_with_its_own_letters_passes() -> None:
    spelling = Spelling(suggest=False)
    ukrainian = "Книга «Boss» (бесподобный или бесполезный) лежала на полиці."
    assert spelling.check(ukrainian, "uk") == []
    assert spelling.check("Это был ёжик, а по-украински їжачок.", "ru") == []
    # A letter of the other language in no word of it: a typo (Russian keyboard).
    assert [f.text for f in spelling.check("Це моя выдповыдь.", "uk")] == ["выдповыдь"]


def test_a_word_of_the_text_typed_with_the_other_keyboard_layout_is_a_slip() -> None:
    found = Spelling(suggest=False).check("Минулого рык був важкий, дув вытер.", "uk")
    assert [f.text for f in found] == ["рык", "вытер"]


def test_a_sentence_mostly_in_the_other_language_passes_without_quotes() -> None:
    spelling = Spelling(suggest=False)
    text = "Чоловік: — Пошла прочь, ты мне надоела. Жінка: — Я прубрали."
    assert [f.text for f in spelling.check(text, "uk")] == ["прубрали"]


def test_later_parts_of_a_capitalised_hyphenated_word_are_a_name() -> None:
    spelling = Spelling(suggest=False)
    assert spelling.check("Цирль-манірліх і Га-Ноцрі стояли в ІТ-шному світі.", "uk") == []
    assert [f.text for f in spelling.check("Це фокус-прубрали.", "uk")] == ["прубрали"]
    # A known word capitalised at a sentence's start is no name: its parts are checked.
    found = spelling.check("Темно-сиинй колір. Пішла-прийшлв додому.", "uk")
    assert [f.text for f in found] == ["сиинй", "прийшлв"]


@pytest.mark.parametrize(
    "text",
    [
        "Вокодер перетворює спектрограми на аудіохвилі.",
        "Машина підрізала велоколону, а в інфошумі цього не помітили.",
        "Він відраховує п'ять п'ятдесятидоларових купюр.",
        "Пістолет був сорокап’ятикаліберний.",
        "Це був суперхайп.",  # "хайп": VESUM's, not uk_UA's
        "Протискорбутний тонік і взаємопорухи думок.",
    ],
)
def test_combining_forms_and_numerals_written_together_pass(text: str) -> None:
    assert Spelling(suggest=False).check(text, "uk") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Це аудіопрубрали.", "аудіопрубрали"),
        ("Жив у трьохвіконному будиночку.", "трьохвіконному"),
        ("Вони прабігли повз.", "прабігли"),  # "про-" mistyped, not "пра-"
        ("У переньому ряду.", "переньому"),  # "передньому" with a letter lost
    ],
)
def test_combining_forms_need_a_known_word_and_two_three_stay_flagged(
    text: str, found: str
) -> None:
    assert [f.text for f in Spelling(suggest=False).check(text, "uk")] == [found]


def test_a_dialect_reflexive_is_a_note_with_the_standard_form() -> None:
    [finding] = Spelling(suggest=False).check("Іван трудивси до вечора.", "uk")
    assert (finding.text, finding.severity) == ("трудивси", Severity.INFO)
    assert finding.suggestions == ("трудився",)
    assert "dialect" in finding.message
    assert Spelling(suggest=False).check("Вони прубралиси.", "uk")[0].severity is Severity.WARNING


def test_a_footnote_mark_is_not_part_of_the_word() -> None:
    found = Spelling(suggest=False).check("Про поліграфію¹ і прубрали² пишуть.", "uk")
    assert [f.text for f in found] == ["прубрали"]


@pytest.mark.parametrize(
    "text",
    [
        "Модель обчислювально складна, а він свиснув по-суфлерськи.",
        "Ютубчик ще запропонує стартапчик.",
        "Ми віддали все до копійочки.",
        "Моя мамочка купила пляшечку.",
        "Архітектура красивезна, звертання ніжнісінькі.",
    ],
)
def test_adverbs_diminutives_and_expressive_forms_of_known_words_pass(text: str) -> None:
    assert Spelling(suggest=False).check(text, "uk") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Це прубрально.", "прубрально"),
        ("Там був прубралик.", "прубралик"),
        ("Біля майданику.", "майданику"),  # "майданчику" with a letter lost, not "-ик"
        ("Це було рабсько.", "рабсько"),  # "-ський" makes "-ськи"
        ("Було дуже травно.", "травно"),  # a short adverb VESUM lacks: a slip
        ("Вона прубралезна.", "прубралезна"),
        ("Там стояла столочка.", "столочка"),  # of "стола", the genitive of "стіл"
    ],
)
def test_derivations_need_a_known_word(text: str, found: str) -> None:
    assert [f.text for f in Spelling(suggest=False).check(text, "uk")] == [found]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("З усіх сил гооооооолосно засміятися, скііільки зможу.", "uk"),
        ("It was soooo cold, nooooo.", "en"),
    ],
)
def test_a_drawn_out_known_word_passes(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


def test_three_consonants_or_latin_vowels_are_a_slip_not_a_drawl() -> None:
    found = Spelling(suggest=False).check("Він вмер для житття.", "uk")
    assert [f.text for f in found] == ["житття"]
    found = Spelling(suggest=False).check("It would seeem so.", "en")
    assert [f.text for f in found] == ["seeem"]
    found = Spelling(suggest=False).check("Это дело полиии.", "ru")
    assert [f.text for f in found] == ["полиии"]


def test_a_file_extension_after_a_dot_is_not_a_word() -> None:
    text = "Run hello.py or setup.exe; .dll files and .pyd ones too."
    assert Spelling(suggest=False).check(text, "en") == []
    # A word glued to an ellipsis is still checked, and so is a sentence after a full
    # stop whose space went missing: capitalised, long, or a listed misspelling.
    found = Spelling(suggest=False).check("Well...mabye not.", "en")
    assert [f.text for f in found] == ["mabye"]
    text = "I came home.teh door. The end.recieve it. We went home.Thier car."
    found = Spelling(suggest=False).check(text, "en")
    assert [f.text for f in found] == ["teh", "recieve", "Thier"]
    found = Spelling(suggest=False).check("Він пішов.прийшоф додому.", "uk")
    assert [f.text for f in found] == ["прийшоф"]


def test_an_adverb_of_an_adjective_in_ій_ends_in_ьо() -> None:
    assert Spelling(suggest=False).check("Це внутрішньо суперечливо.", "uk") == []
    found = Spelling(suggest=False).check("Це внутрішно суперечливо.", "uk")
    assert [f.text for f in found] == ["внутрішно"]


@pytest.mark.parametrize(
    "word",
    ["hashable", "unhashable", "picklable", "parseable", "pickleability",
     "shareable", "bingeable", "wearables", "callables"],
)
def test_able_derivations_of_known_words_pass(word: str) -> None:
    assert Spelling(suggest=False).check(f"The {word} kind.", "en") == []


@pytest.mark.parametrize(
    "word",
    # "noticable" and "changable" are on the shipped misspelling list too; "managable",
    # "servicable" and "exchangable" are not, and only the rule flags them.
    ["noticable", "changable", "managable", "servicable", "exchangable", "bingable",
     "accessable", "reversable", "unaccessable", "controlable", "forgetable",
     "recognizeable", "hashible", "fability", "identifyable", "iteratable", "redable"],
)
def test_able_words_spelt_against_the_dictionary_are_flagged(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} kind.", "en")
    assert [f.text for f in found] == [word]


@pytest.mark.parametrize("word", ["globals", "essentials", "dialogs"])
def test_plurals_of_words_listed_without_one_pass(word: str) -> None:
    assert Spelling(suggest=False).check(f"The {word} here.", "en") == []


@pytest.mark.parametrize(
    "word",
    ["additionals", "thoughs", "amongs", "hights", "mappeds", "soliders",
     "dicts"],
)
def test_plurals_of_adjectives_function_words_and_pasts_are_still_flagged(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} here.", "en")
    assert [f.text for f in found] == [word]


@pytest.mark.parametrize("word", ["ultralow", "moviegoing"])
def test_closed_compounds_in_use_pass(word: str) -> None:
    assert Spelling(suggest=False).check(f"The {word} here.", "en") == []


@pytest.mark.parametrize(
    "word",
    # "withold", "suprise" and "threshhold" are on the shipped misspelling list; the
    # rules' own cases are a function word ("thosepeople", "couldhave", "citywhich"),
    # a known word one edit away ("bookeeping", "carefull") and a doubled letter
    # ("wellcome", "fullfill").
    ["withold", "suprise", "threshhold", "thosepeople", "couldhave", "citywhich",
     "bookeeping", "carefull", "beautyfull", "wellcome", "fullfill", "infact",
     "fullfiled", "documentions"],
)
def test_run_together_words_and_slips_of_known_words_are_still_flagged(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} here.", "en")
    assert [f.text for f in found if f.severity is not Severity.INFO] == [word]


@pytest.mark.parametrize("word", ["deserializing", "deplatformed", "derisking", "deprioritized"])
def test_verbs_of_undoing_in_de_pass(word: str) -> None:
    assert Spelling(suggest=False).check(f"The {word} here.", "en") == []


@pytest.mark.parametrize(
    "word", ["deside", "desided", "desolve", "desolved", "desinged", "desolving", "devided"]
)
def test_slips_that_begin_with_de_are_still_flagged(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} here.", "en")
    assert [f.text for f in found] == [word]


def test_the_ed_of_a_common_noun_used_as_a_verb_passes() -> None:
    assert Spelling(suggest=False).check("The lists are gatewayed.", "en") == []


@pytest.mark.parametrize("word", ["knowned", "failled", "observered", "origining", "buyed"])
def test_ed_slips_of_verbs_and_rare_nouns_are_still_flagged(word: str) -> None:
    found = Spelling(suggest=False).check(f"The {word} here.", "en")
    assert [f.text for f in found] == [word]


def test_an_unknown_term_repeated_in_its_singular_and_plural_passes() -> None:
    text = "A docstring comes first. Write docstrings for all; each docstring helps."
    assert Spelling(suggest=False).check(text, "en") == []


def test_a_known_singular_repeated_does_not_excuse_a_misspelt_plural() -> None:
    text = "Apply it. Apply it again. Apply it once more: it applys to all."
    found = Spelling(suggest=False).check(text, "en")
    assert [f.text for f in found] == ["applys"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("A cofffffee, please.", "en"), ("It was gooood.", "en"), ("Він пішшшшов додому.", "uk")],
)
def test_a_drawn_run_is_read_as_one_letter_or_two(text: str, lang: Lang) -> None:
    assert Spelling(suggest=False).check(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [("A cofffffe, please.", "en", "cofffffe"), ("Він пішшов.", "uk", "пішшов"),
     ("It would seeem so.", "en", "seeem")],
)
def test_a_drawn_slip_and_a_doubled_letter_are_still_flagged(
    text: str, lang: Lang, found: str
) -> None:
    assert [f.text for f in Spelling(suggest=False).check(text, lang)] == [found]
