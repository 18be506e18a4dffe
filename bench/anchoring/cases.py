"""Labelled re-anchoring cases: an old text with a reported quote, a new version of the
text, and what a careful editor would say happened to the passage.

The four articles are fictional news stories written for copydesk (places, people and
figures are invented); they are under the project's MIT licence.  Each contains the
kinds of mistakes readers report (typos, wrong figures, names) and repeated phrases.
The edits are the ones newsrooms make: a typo fixed as the reader suggested or a little
differently, a sentence rewritten, paragraphs moved or deleted, a line added at the top,
headlines rewritten, typography and whitespace changed by the publishing system.

Labels (``expected``) follow the definitions in ``copydesk.anchoring``; where a label
is ``fixed``, ``changed`` or ``unchanged``, ``expected_text`` (its
``expected_occurrence``-th occurrence in the new text) is where the passage now is.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 32


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    old: str
    new: str
    exact: str
    expected: str
    expected_text: str | None = None
    occurrence: int = 0
    expected_occurrence: int = 0
    suggestion: str | None = None

    def span(self) -> tuple[int, int]:
        """Where the reported quote is in the old text."""
        return _nth(self.old, self.exact, self.occurrence)

    def expected_span(self) -> tuple[int, int] | None:
        if self.expected_text is None:
            return None
        return _nth(self.new, self.expected_text, self.expected_occurrence)


def _nth(text: str, needle: str, n: int) -> tuple[int, int]:
    at = -1
    for _ in range(n + 1):
        at = text.find(needle, at + 1)
        if at == -1:
            raise ValueError(f"{needle!r} occurs fewer than {n + 1} times")
    return at, at + len(needle)


def occurrence_at(text: str, needle: str, around: str) -> int:
    """Which occurrence of ``needle`` in ``text`` is the first one inside ``around``."""
    at = text.index(around)
    return text[: at + around.index(needle)].count(needle)


def doc(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def edit(text: str, *pairs: tuple[str, str], every: bool = False) -> str:
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"{old!r} not in text")
        text = text.replace(old, new) if every else text.replace(old, new, 1)
    return text


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def move(text: str, source: int, target: int) -> str:
    parts = paragraphs(text)
    parts.insert(target, parts.pop(source))
    return doc(*parts)


def delete(text: str, index: int) -> str:
    parts = paragraphs(text)
    del parts[index]
    return doc(*parts)


def insert(text: str, index: int, paragraph: str) -> str:
    parts = paragraphs(text)
    parts.insert(index, paragraph)
    return doc(*parts)


def curly(text: str) -> str:
    """Straight quotes to typographic ones, as a publishing system does."""
    out: list[str] = []
    double_open = True
    for i, char in enumerate(text):
        if char == '"':
            out.append("\u201c" if double_open else "\u201d")
            double_open = not double_open
        elif char == "'":
            before = text[i - 1] if i else " "
            out.append("\u2018" if before.isspace() else "\u2019")
        else:
            out.append(char)
    return "".join(out)


UPDATE = "Update, 10:40: This article has been updated with further comment."

BUDGET = doc(
    "Council backs new budget after late-night session",
    "The city council approved a $4.2 milion budget for the coming year early on "
    "Wednesday, after a debate that ran for almost seven hours. Councillors voted 9 to 4 "
    "in favour, with two abstentions.",
    'Mayor Helen Okafor said the plan would "protect the services residents rely on" '
    "while keeping the property tax rise below 3 percent. She thanked staff who had "
    "worked through the weekend to prepare the figures.",
    "Opposition members argued that the budget relied on optimistic forecasts. "
    '"We are building a house on sand," said Councillor Tomas Brennan, who proposed an '
    "amendment to cut spending on the new civic centre. The amendment was defeated.",
    "Under the plan, the parks department recieves an extra $300,000 for tree planting, "
    "and the library will open on Sundays from March. A separate $3 milion grant from the "
    "province will pay for road repairs on the east side.",
    "The budget now goes to the finance committee, which meets again on Febuary 12. "
    "Residents can read the full document on the city's website.",
)

FLOOD = doc(
    "Flood warnings issued as River Alder rises",
    "Residents along the River Alder were told to prepare for flooding on Sunday night as "
    "the water level rose by more than a metre in 24 hours. The Environment Office issued "
    "12 flood warnings, the highest level of alert, for towns between Millbrook and "
    "Harwell.",
    "Emergency crews spent the afternoon filling sandbags at the fire station on Mill Lane. "
    '"We have never seen it rise this fast," said Daniel Price, who has lived by the river '
    "for 40 years. His neighbours moved their cars to higher ground.",
    "Forecasters expect a further 30mm of rain overnight, with the heaviest falls in the "
    "hills to the north. The river is expected to peak on Monday afternoon.",
    "The council has opened a rest centre at Harwell community hall for anyone who has to "
    "leave their home. Pets are welcome, a spokesperson said.",
    "Rail services between Millbrook and Harwell were suspended on Sunday evening and will "
    "not resume before Tuesday, the operator said.",
)

CUP = doc(
    "Harbour United reach cup final with late winnner",
    "Harbour United reached the county cup final for the first time in 22 years on "
    "Saturday, beating Westfield Rovers 2-1 with a goal in the last minute of added time.",
    "Rovers took the lead just before half-time when Sam Okoro headed in from a corner. "
    'United\'s manager, Lisa Marsh, said her team had been "too nervous" in the first half.',
    "United equalised after the break through Jamie Cole, who curled a free kick into the "
    "top corner. The winner came from substitute Ben Ashworth, who scored from close range "
    "after Cole's shot was saved.",
    "The final will be played at Castle Park on May 4. United will face either Northgate "
    "or Kingsley Town, who meet on Tuesday.",
    "More than 3,000 fans watched the match, a record for the ground. Ashworth, 19, has "
    "now scored in every round.",
)

CLINIC = doc(
    "New clinic to cut waiting times for hip surgery",
    "A new surgical clinic at St Anne's Hospital will treat up to 1,500 patients a year "
    "from September, the health board said on Thursday. The clinic is meant to cut waiting "
    "times for for hip and knee operations, which have grown to more than a year.",
    "The board's chief executive, Dr Priya Nair, said the clinic would be staffed by 40 new "
    'nurses and six surgeons. "Patients have waited too long," she said. "This is the '
    'single biggest investment in orthopaedic care in a decade."',
    "The clinic will cost \u00a318 million to build. Most of the money comes from the "
    "national government, with the rest from the hospital's own charity.",
    "Unions welcomed the plan but warned that the hospital already struggles to fill "
    'vacancies. "Buildings are the easy part," said Mark Ellis of the nurses\' union.',
    "Construction is due to begin next month.",
)

_CLINIC_SAID = edit(insert(CLINIC, 1, UPDATE), ("warned that the hospital", "said the hospital"))
_ONE_MILLION = edit(BUDGET, ("$4.2 milion", "$4.2 million"))

CASES: list[Case] = [
    # -- the budget story -------------------------------------------------------------
    Case("budget-typo-suggested", "typo fixed, lookalike elsewhere", BUDGET, _ONE_MILLION,
         "milion", "fixed", "million", suggestion="million"),
    Case("budget-typo-unsuggested", "typo fixed, lookalike elsewhere", BUDGET, _ONE_MILLION,
         "milion", "changed", "million"),
    Case("budget-lookalike-reported", "lookalike not fixed", BUDGET, _ONE_MILLION,
         "milion", "unchanged", "milion", occurrence=1, suggestion="million"),
    Case("budget-both-fixed", "typo fixed", BUDGET,
         edit(BUDGET, ("milion", "million"), every=True),
         "milion", "fixed", "million", occurrence=1, expected_occurrence=1,
         suggestion="million"),
    Case("budget-fixed-reworded", "typo fixed, sentence reworded, lookalike elsewhere",
         BUDGET, edit(BUDGET, ("approved a $4.2 milion budget for",
                               "approved a budget of $4.2 million for")),
         "milion", "fixed", "million", suggestion="million"),
    Case("budget-recieves-suggested", "typo fixed", BUDGET,
         edit(BUDGET, ("recieves", "receives")), "recieves", "fixed", "receives",
         suggestion="receives"),
    Case("budget-recieves-unsuggested", "typo fixed", BUDGET,
         edit(BUDGET, ("recieves", "receives")), "recieves", "changed", "receives"),
    Case("budget-february-case", "typo fixed, suggestion differs in case", BUDGET,
         edit(BUDGET, ("Febuary", "February")), "Febuary", "fixed", "February",
         suggestion="february"),
    Case("budget-february-other-fix", "fixed differently", BUDGET,
         edit(BUDGET, ("Febuary 12", "Feb. 12")), "Febuary 12", "changed", "Feb. 12",
         suggestion="February 12"),
    Case("budget-headline-rewritten", "headline changed", BUDGET,
         edit(BUDGET, ("Council backs new budget after late-night session",
                       "Council passes $4.2 million budget in seven-hour sitting")),
         "building a house on sand", "unchanged", "building a house on sand"),
    Case("budget-paragraph-moved", "paragraph moved", BUDGET, move(BUDGET, 4, 2),
         "tree planting", "unchanged", "tree planting"),
    Case("budget-paragraph-deleted", "paragraph deleted", BUDGET, delete(BUDGET, 3),
         "Tomas Brennan", "orphaned"),
    Case("budget-curly-quotes", "typography only", BUDGET, curly(BUDGET),
         '"protect the services residents rely on"', "unchanged",
         "\u201cprotect the services residents rely on\u201d"),
    Case("budget-curly-quote-inside", "typography only", BUDGET, curly(BUDGET),
         'sand," said Councillor', "unchanged", "sand,\u201d said Councillor"),
    Case("budget-update-line", "paragraph inserted at top", BUDGET,
         insert(BUDGET, 1, UPDATE), "recieves", "unchanged", "recieves"),
    Case("budget-sentence-rewritten", "sentence rewritten", BUDGET,
         edit(BUDGET, ("Opposition members argued that the budget relied on optimistic "
                       "forecasts.",
                       "Several opposition councillors said the forecasts behind the "
                       "budget were unrealistic.")),
         "optimistic forecasts", "changed",
         "the forecasts behind the budget were unrealistic"),
    Case("budget-unedited", "no edit", BUDGET, BUDGET, "9 to 4", "unchanged", "9 to 4"),
    # -- the flood story --------------------------------------------------------------
    Case("flood-repeated-phrase", "same phrase repeated", FLOOD, FLOOD,
         "between Millbrook and Harwell", "unchanged", "between Millbrook and Harwell",
         occurrence=1, expected_occurrence=1),
    Case("flood-repeated-phrase-shifted", "same phrase repeated, paragraph inserted at top",
         FLOOD, insert(FLOOD, 1, UPDATE),
         "between Millbrook and Harwell", "unchanged", "between Millbrook and Harwell",
         occurrence=1, expected_occurrence=1),
    Case("flood-repeated-phrase-deleted", "same phrase repeated, paragraph deleted",
         FLOOD, delete(FLOOD, 5), "between Millbrook and Harwell", "orphaned", occurrence=1),
    Case("flood-repeated-phrase-first", "same phrase repeated, other paragraph deleted",
         FLOOD, delete(FLOOD, 5), "between Millbrook and Harwell", "unchanged",
         "between Millbrook and Harwell"),
    Case("flood-warnings-inserted", "fix inserts words", FLOOD,
         edit(FLOOD, ("12 flood warnings", "12 severe flood warnings")),
         "12 flood warnings", "fixed", "12 severe flood warnings",
         suggestion="12 severe flood warnings"),
    Case("flood-name-fixed", "name fixed", FLOOD,
         edit(FLOOD, ("Daniel Price", "Daniel Pryce")), "Daniel Price", "fixed",
         "Daniel Pryce", suggestion="Daniel Pryce"),
    Case("flood-name-fixed-shifted", "name fixed, paragraph inserted at top", FLOOD,
         insert(edit(FLOOD, ("Daniel Price", "Daniel Pryce")), 1, UPDATE),
         "Daniel Price", "fixed", "Daniel Pryce", suggestion="Daniel Pryce"),
    Case("flood-nbsp", "typography only", FLOOD,
         edit(FLOOD, ("for 40 years", "for 40\u00a0years")), "40 years", "unchanged",
         "40\u00a0years"),
    Case("flood-double-spaces", "whitespace only", FLOOD,
         edit(FLOOD, (". ", ".  "), ("night as the", "night as \t the"), every=True),
         "Sunday night as the water level rose", "unchanged",
         "Sunday night as \t the water level rose"),
    Case("flood-paragraph-moved", "paragraph moved", FLOOD, move(FLOOD, 4, 5),
         "Pets are welcome", "unchanged", "Pets are welcome"),
    Case("flood-paragraph-deleted", "paragraph deleted", FLOOD, delete(FLOOD, 3),
         "30mm of rain", "orphaned"),
    Case("flood-sentence-rewritten", "sentence rewritten", FLOOD,
         edit(FLOOD, ("The river is expected to peak on Monday afternoon.",
                      "The river should peak late on Monday.")),
         "peak on Monday afternoon", "changed", "peak late on Monday"),
    Case("flood-other-fix", "fixed differently", FLOOD,
         edit(FLOOD, ("on Sunday night as", "on Saturday evening as")), "Sunday night",
         "changed", "Saturday evening", suggestion="Saturday night"),
    Case("flood-road-case", "suggestion differs in case", FLOOD,
         edit(FLOOD, ("Mill Lane", "Mill Road")), "Mill Lane", "fixed", "Mill Road",
         suggestion="Mill road"),
    Case("flood-unedited", "no edit", FLOOD, FLOOD, "rest centre", "unchanged",
         "rest centre"),
    Case("flood-word-near-quote", "context edited", FLOOD,
         edit(FLOOD, ("Emergency crews spent", "Fire crews spent")),
         "filling sandbags", "unchanged", "filling sandbags"),
    # -- the cup story ----------------------------------------------------------------
    Case("cup-headline-typo", "headline typo fixed", CUP,
         edit(CUP, ("winnner", "winner")), "winnner", "fixed", "winner",
         suggestion="winner"),
    Case("cup-headline-rewritten", "headline changed", CUP,
         edit(CUP, ("Harbour United reach cup final with late winnner",
                    "Ashworth sends Harbour United to first final in 22 years")),
         "too nervous", "unchanged", "too nervous"),
    Case("cup-years-fixed", "figure fixed", CUP, edit(CUP, ("22 years", "32 years")),
         "22 years", "fixed", "32 years", suggestion="32 years"),
    Case("cup-years-other-figure", "figure fixed differently", CUP,
         edit(CUP, ("22 years", "23 years")), "22 years", "changed", "23 years",
         suggestion="32 years"),
    Case("cup-corner-rewritten", "phrase rewritten", CUP,
         edit(CUP, ("headed in from a corner", "headed in from a free kick")),
         "headed in from a corner", "changed", "headed in from a free kick"),
    Case("cup-name-lookalike", "name fixed, lookalike elsewhere", CUP,
         edit(CUP, ("Ben Ashworth", "Ben Ashford")), "Ashworth", "fixed", "Ashford",
         suggestion="Ashford"),
    Case("cup-name-lookalike-unsuggested", "name fixed, lookalike elsewhere", CUP,
         edit(CUP, ("Ben Ashworth", "Ben Ashford")), "Ashworth", "changed", "Ashford"),
    Case("cup-name-lookalike-rewritten", "name fixed, sentence rewritten, lookalike", CUP,
         edit(CUP, ("The winner came from substitute Ben Ashworth, who scored from close "
                    "range after",
                    "Substitute Ben Ashford then won it, turning in the rebound after")),
         "Ashworth", "changed", "Substitute Ben Ashford then won it", suggestion="Ashford"),
    Case("cup-fans-fixed", "figure fixed", CUP, edit(CUP, ("3,000 fans", "3,500 fans")),
         "3,000 fans", "fixed", "3,500 fans", suggestion="3,500 fans"),
    Case("cup-reflowed", "whitespace only", CUP,
         CUP.replace("\n\n", "\n").replace(" 22 years", "  22  years"),
         "first time in 22 years", "unchanged", "first time in  22  years"),
    Case("cup-en-dash", "typography only", CUP, edit(CUP, ("2-1", "2\u20131")), "2-1",
         "unchanged", "2\u20131"),
    Case("cup-paragraph-moved-top", "paragraph moved", CUP, move(CUP, 4, 1),
         "Castle Park on May 4", "unchanged", "Castle Park on May 4"),
    Case("cup-paragraph-deleted", "paragraph deleted", CUP, delete(CUP, 5),
         "a record for the ground", "orphaned"),
    Case("cup-update-line", "paragraph inserted at top", CUP, insert(CUP, 1, UPDATE),
         "Lisa Marsh", "unchanged", "Lisa Marsh"),
    Case("cup-apostrophe-variant", "typo fixed, suggestion differs in typography",
         edit(CUP, ("Cole's shot", "Coles shot")), CUP, "Coles shot", "fixed",
         "Cole's shot", suggestion="Cole\u2019s shot"),
    Case("cup-word-repeated", "short quote repeated", CUP, insert(CUP, 1, UPDATE),
         "United", "unchanged", "United",
         occurrence=occurrence_at(CUP, "United", "United equalised"),
         expected_occurrence=occurrence_at(CUP, "United", "United equalised")),
    # -- the clinic story -------------------------------------------------------------
    Case("clinic-figure-fixed", "figure fixed", CLINIC,
         edit(CLINIC, ("1,500 patients", "1,200 patients")), "1,500 patients", "fixed",
         "1,200 patients", suggestion="1,200 patients"),
    Case("clinic-figure-unsuggested", "figure fixed", CLINIC,
         edit(CLINIC, ("1,500 patients", "1,200 patients")), "1,500 patients", "changed",
         "1,200 patients"),
    Case("clinic-name-fixed", "name fixed", CLINIC,
         edit(CLINIC, ("Priya Nair", "Priya Nayar")), "Dr Priya Nair", "fixed",
         "Dr Priya Nayar", suggestion="Dr Priya Nayar"),
    Case("clinic-doubled-word", "doubled word fixed", CLINIC,
         edit(CLINIC, ("for for", "for")), "for for", "fixed", "for hip",
         expected_occurrence=1, suggestion="for"),
    Case("clinic-nbsp", "typography only", CLINIC,
         edit(CLINIC, ("40 new nurses", "40\u00a0new nurses")),
         "40 new nurses and six surgeons", "unchanged", "40\u00a0new nurses and six surgeons"),
    Case("clinic-curly", "typography only", CLINIC, curly(CLINIC),
         '"Patients have waited too long,"', "unchanged",
         "\u201cPatients have waited too long,\u201d"),
    Case("clinic-cost-rewritten", "sentence rewritten", CLINIC,
         edit(CLINIC, ("The clinic will cost \u00a318 million to build.",
                       "Building the clinic will now cost \u00a321 million, up from an "
                       "earlier estimate.")),
         "\u00a318 million", "changed", "\u00a321 million", suggestion="\u00a321 million"),
    Case("clinic-paragraph-deleted", "paragraph deleted", CLINIC, delete(CLINIC, 4),
         "Buildings are the easy part", "orphaned"),
    Case("clinic-paragraphs-swapped", "paragraph moved", CLINIC, move(CLINIC, 3, 4),
         "hospital's own charity", "unchanged", "hospital's own charity"),
    Case("clinic-headline-other-fix", "headline changed", CLINIC,
         edit(CLINIC, ("New clinic to cut waiting times for hip surgery",
                       "New clinic to cut waiting times for hip and knee operations")),
         "waiting times for hip surgery", "changed",
         "waiting times for hip and knee operations",
         suggestion="waiting times for hip and knee surgery"),
    Case("clinic-short-lookalike", "figure fixed, short lookalike elsewhere", CLINIC,
         edit(CLINIC, ("more than a year.", "more than two years.")), "a year", "fixed",
         "two years", occurrence=1, suggestion="two years"),
    Case("clinic-short-lookalike-unsuggested", "figure fixed, short lookalike elsewhere",
         CLINIC, edit(CLINIC, ("more than a year.", "more than two years.")), "a year",
         "changed", "two years", occurrence=1),
    Case("clinic-context-word", "context edited", CLINIC,
         edit(CLINIC, ("health board said on Thursday", "health board announced on Thursday")),
         "on Thursday", "unchanged", "on Thursday"),
    Case("clinic-quote-deleted", "sentence deleted", CLINIC,
         edit(CLINIC, (' "Patients have waited too long," she said.', "")),
         "Patients have waited too long", "changed", ' "This is the',),
    Case("clinic-sentence-moved", "sentence moved to another paragraph", CLINIC,
         edit(delete(CLINIC, 5), ("hospital's own charity.",
                                  "hospital's own charity. Construction is due to begin "
                                  "next month.")),
         "Construction is due to begin next month.", "changed",
         "Construction is due to begin next month."),
    Case("clinic-the", "short quote, context edited", CLINIC,
         _CLINIC_SAID, "the", "unchanged", "the",
         occurrence=occurrence_at(CLINIC, "the", "the hospital already"),
         expected_occurrence=occurrence_at(_CLINIC_SAID, "the", "the hospital already")),
    Case("clinic-all-typography", "typography and whitespace", CLINIC,
         curly(CLINIC).replace(". ", ".\u00a0 ").replace("\n\n", "\n \n"),
         "she said. \"This is the single", "unchanged",
         "she said.\u00a0 \u201cThis is the single"),
]
