"""Word-level text handling shared by indexing and querying.

Lower-casing, a light English stemmer (so "cramps", "cramping" and "cramp" meet),
stop words, and a small lay-term lexicon that maps everyday words to the ones
medical articles use ("charley horse" -> cramp). Pure functions, no state.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, List

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Function words plus the filler of questions ("how can I", "tell me about"):
# they say nothing about what is asked, so they neither match nor count as
# unmatched in the coverage signal.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be
    because been before being below between both but by can can't cannot could
    couldn't did didn't do does doesn't doing don't down during each few for from
    further had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
    isn't it it's its itself let's me more most mustn't my myself no nor not of off
    on once only or other ought our ours ourselves out over own same shan't she
    she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too under until up very was wasn't we we'd we'll
    we're we've were weren't what what's when when's where where's which while who
    who's whom why why's with won't would wouldn't you you'd you'll you're you've
    your yours yourself yourselves
    anyone anything someone something thing things way ways really just lot lots
    much many get gets getting got go going gone know tell please help want wanted
    need needs like also maybe kind sort sometimes often always usually lately
    still ever even well good bad best better worse worst new old one two three
    question questions ask asking say said mean means meant thanks thank hi hello
    hey ok okay yes yeah u r im ive dont cant whats hows doesnt isnt
    wasnt didnt wont shouldnt couldnt wouldnt arent werent havent hasnt aint
    happen happens happening happened make makes made take takes taking use used
    using possible should would could might must will shall may
    """.split()
)

# Everyday words for the terms the sources use. Applied to queries only, after
# stemming, so the corpus text is never rewritten.
LAY_TERMS = {
    "charley horse": "cramp",
    "charlie horse": "cramp",
    "pins and needles": "tingling",
    "sore": "pain",
    "ache": "pain",
    "aches": "pain",
    "aching": "pain",
    "hurt": "pain",
    "hurts": "pain",
    "hurting": "pain",
    "painful": "pain",
    "stiff": "tension",
    "tight": "tension",
    "tightness": "tension",
    "twitch": "tic",
    "twitching": "tic",
    "twitches": "tic",
    "medication": "drug",
    "medications": "drug",
    "medicine": "drug",
    "medicines": "drug",
    "pills": "tablets",
    "painkiller": "analgesic",
    "painkillers": "analgesic",
    "workout": "exercise",
    "training": "exercise",
    "gym": "exercise",
    "kid": "child",
    "kids": "child",
    "children": "child",
    "son": "child",
    "daughter": "child",
}
_LAY_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(LAY_TERMS, key=len)[::-1]) + r")\b"
)


def normalise(text: str) -> str:
    """Lower case, typographic quotes and dashes made plain, accents kept."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-")


def words(text: str) -> List[str]:
    """The words of `text` after normalising, stop words included."""
    return WORD_RE.findall(normalise(text))


def content_terms(text: str) -> List[str]:
    """Stemmed words that carry meaning: what indexing and coverage count."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def expand_lay_terms(query: str) -> str:
    """The query with everyday words mapped to the sources' terms, kept beside
    the originals ("sore calves" -> "sore pain calves")."""
    lowered = normalise(query)
    return _LAY_RE.sub(lambda m: f"{m.group(0)} {LAY_TERMS[m.group(0)]}", lowered)


def replace_lay_terms(query: str) -> str:
    """The query with everyday words replaced by the sources' terms."""
    return _LAY_RE.sub(lambda m: LAY_TERMS[m.group(0)], normalise(query))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer, enough to join inflections of a word."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return _undouble(word[: -len(suffix)] + replacement)
    return word


_IRREGULAR = {
    "calves": "calf",
    "halves": "half",
    "feet": "foot",
    "teeth": "tooth",
    "children": "child",
    "women": "woman",
    "men": "man",
    "knives": "knife",
    "lives": "life",
    # Cupping is a therapy the sources never name; stemmed to "cup" it would
    # count as known through a recipe's "1 cup of fruit".
    "cupping": "cupping",
}

_SUFFIXES = (
    ("ational", "ate"),
    ("fulness", "ful"),
    ("iveness", "ive"),
    ("ization", "ize"),
    ("ative", ""),
    ("ations", ""),
    ("ation", ""),
    ("tions", "t"),
    ("tion", "t"),
    ("ities", "ity"),
    ("ously", "ous"),
    ("ively", ""),
    ("ive", ""),
    ("ingly", ""),
    ("nesses", ""),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("edly", ""),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("ss", "ss"),
    ("us", "us"),
    ("is", "is"),
    ("s", ""),
    ("e", ""),
)


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap turns a into b."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(shorter) and shorter[i] == longer[i]:
        i += 1
    return shorter[i:] == longer[i + 1 :]


def unique(items: Iterable[str]) -> List[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
