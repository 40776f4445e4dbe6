"""Amounts a question asks for that a passage must state to answer it: a dose
("how many mg", "800 mg", "what dose") or a price ("how much does it cost",
"40 bucks", "if I pay myself").

Numbers are dropped from the asked words (an age or a duration says nothing
about which passage answers), so "voltaren gel ... how many grams" looked
answered by the passage that names Voltaren, and "how much is an MRI if I
pay myself" by the passage that names an MRI, though no source gives a dose
or a price. Each kind asked becomes one more asked term (`DOSE`, `PRICE`),
which a passage uses only when its text states an amount of that kind
("100 ml of water", "1 tbsp"): the abstention signals then count it like
any other telling word the quoted passages leave out.
"""

from __future__ import annotations

import re
from typing import FrozenSet, List

# Not words (no word matches them), so they never meet a written term.
DOSE = "_dose"
PRICE = "_price"
# What the model embeds for each, to measure how close in meaning the thing
# asked is to the passages (abstention.unsupported_relatedness).
WRITTEN = {DOSE: "dose", PRICE: "price"}

_NUMBER = r"\d+(?:[.,]\d+)?\s?"
_DOSE_UNIT = (
    r"(?:mg|mcg|µg|g|gr|grams?|milligrams?|micrograms?|ml|millilit(?:er|re)s?|iu|"
    r"tablets?|pills?|capsules?|caps|drops?|tbsp|tsp|teaspoons?|tablespoons?)"
)
_ASKED_DOSE = re.compile(
    rf"\b{_NUMBER}{_DOSE_UNIT}\b"
    rf"|\bhow (?:many|much) {_DOSE_UNIT}\b"
    r"|\b(?:doses?|dosages?|dosing)\b"
    # how much of each goes in a remedy ("kalina for spasms, what proportion?")
    r"|\b(?:proportions?|ratios?)\b"
    # the most one may take or use ("max ibuprofen per day", "how many days
    # maximum"), not "stressed to the max"
    r"|\bmax(?:imum)?\b[^.?!]{0,30}\b(?:per day|a day|in a day|in one day|days?|"
    r"dose|dosage|amount)\b"
    r"|\b(?:per day|a day|in a day|in one day|days|how (?:many|much)[^.?!]{0,25})"
    r"\s*max(?:imum)?\b"
    # how often to put on or take a remedy, not how often to do an exercise
    r"|\bhow (?:many times?|often)\b[^.?!]{0,25}\b(?:put|apply|rub|smear|take)\b"
)
# A passage states a dose: a number with a unit of amount.
_STATED_DOSE = re.compile(rf"\b{_NUMBER}(?:{_DOSE_UNIT}|cups?|spoons?)\b")
_MONEY = r"(?:dollars?|bucks|euros?|pounds|rubles?|roubles?|usd|eur)"
_ASKED_PRICE = re.compile(
    r"\b(?:cost|costs|costing|price|prices|priced|pricey|expensive|fees?)\b"
    r"|\bout of pocket\b"
    r"|\bpay(?:ing)? (?:for it|for them|myself|out of|cash|privately)\b"
    r"|\bif i pay\b"
    rf"|[$€£]\s?\d|\b{_NUMBER}{_MONEY}\b"
    # "how much is an MRI", not "how much is too much"
    r"|\bhow much (?:is|are|would|will|does|do) (?:a|an|one|it|this|that)\b"
    r"(?! (?:too|enough|safe|normal|ok))"
)
_STATED_PRICE = re.compile(rf"[$€£]\s?\d|\b{_NUMBER}{_MONEY}\b")


def asked_amounts(text: str) -> List[str]:
    """The kinds of amount a (lower-cased) question asks for: DOSE, PRICE."""
    kinds = []
    if _ASKED_DOSE.search(text):
        kinds.append(DOSE)
    if _ASKED_PRICE.search(text):
        kinds.append(PRICE)
    return kinds


def stated_amounts(text: str) -> FrozenSet[str]:
    """The kinds of amount a passage states."""
    lowered = text.lower()
    kinds = set()
    if _STATED_DOSE.search(lowered):
        kinds.add(DOSE)
    if _STATED_PRICE.search(lowered):
        kinds.add(PRICE)
    return frozenset(kinds)
