"""The thing a question asks about, where its form names one, and whether the
sources ever name it.

"Do compression socks help my night cramps?", "is it safe to use a TENS machine
on my neck?", "what about creatine?": each asks whether one specific thing
works, is safe, or causes something. The cramp passages are close in meaning,
and the learned abstention (bot.retrieval.abstention) often answers from them,
but when the sources never use a word of that thing they cannot say whether it
works, and quoting them would pass their general advice off as an answer.

Only these forms are read, because in them the words are a thing (a remedy, a
device, a substance, a condition): "is it related?", "or is that a myth?" ask
about a predicate, and "could it be a disc issue?" names a guess whose words
the sources may put otherwise. On the dev sets (3,691 in-corpus messages, 778
out of corpus) the forms find an unnamed thing in no in-corpus message and in
317 out-of-corpus ones, 29 of them among the 52 the learned abstention cited
(docs/retrieval.md).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, List

from bot.retrieval.text import STOP_WORDS, WORD_RE, content_terms, unique
from bot.retrieval.vocabulary import Vocabulary

_ART = r"(?:(?:a|an|the|some|any|my)\s+)?"


def _thing(max_words: int) -> str:
    """A name of up to `max_words` words, as short as the form allows."""
    return rf"(?P<thing>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){{0,{max_words - 1}}}?)"


# One to three words (four before a verb): a name, not a clause.
_THING = _thing(3)
_THING4 = _thing(4)
_ADVERB = r"(?:\s+(?:actually|really|even|ever|truly|honestly|alone|also|still|just))?"
_DOES = (
    r"(?:help|helps|work|works|cause|causes|causing|relieve|stop|prevent|fix|"
    r"ease|reduce|make|give|do anything|do much|worth)"
)
_AFTER = (
    r"(?=\s+(?:on|for|if|when|while|with|after|before|to|at|so|because|and|or)\b"
    r"|[?.,!]|$)"
)
# A clause starts the question: "i do assembly line work" is no question.
_START = r"(?:^|[.?!,;:]\s*|\b(?:and|but|so|or|then)\s+)"

_FORMS = [
    # "do compression socks help", "can low vitamin d cause", "will x work"
    rf"{_START}(?:do|does|can|could|will|would|should|did|might|may)\s+{_ART}"
    rf"{_THING4}{_ADVERB}\s+{_DOES}\b",
    # "is it safe to use a tens machine on ..."
    rf"\bis it (?:safe|ok|okay|good|bad|fine|worth it|a good idea|dangerous) to "
    rf"(?:use|take|try|wear|put on|apply|get|do|drink|eat|mix|combine) "
    rf"{_ART}{_THING}{_AFTER}",
    # "can i drink while taking cyclobenzaprine"
    rf"\b(?:while|when|whilst) (?:taking|on|using) {_ART}{_THING}{_AFTER}",
    # "what is an emg test"
    rf"{_START}what (?:is|are) (?!the (?:difference|best|point)\b){_ART}{_THING}"
    r"(?=\s+(?:test|exam|scan)\b|[?.,!]|$)",
    # "what about creatine?"
    rf"\b(?:what|how) about {_ART}{_THING}(?=[?.,!]|$)",
    # "is cbd oil any good", "is creatine the reason"
    rf"{_START}(?:is|are) {_ART}{_THING4}{_ADVERB}\s+(?:safe|good|bad|ok|okay|worth|"
    r"effective|better|any good|the reason|the cause|to blame|causing|why)\b",
    # "can the caffeine be why"
    rf"\b(?:can|could|might|may) {_ART}{_THING}\s+be\s+(?:why|the reason|the cause|"
    r"causing|to blame|behind)\b",
    # "how is restless legs syndrome different from cramps"
    rf"\bhow is {_ART}{_THING}\s+different\b",
    # "should i wear compression socks on a flight"
    rf"\b(?:should|can|do|could) (?:i|we|you) (?:wear|use|take|try|buy|get|put on|"
    rf"put|apply|drink) {_ART}{_THING}{_AFTER}",
    # "how to put kinesio tape on a calf strain?"
    rf"\bhow (?:to|do (?:i|you|u)|should (?:i|you)|can (?:i|you)|would (?:i|you)) "
    rf"(?:use|apply|put on|put|wear|fit|stick on|stick) {_ART}{_THING}{_AFTER}",
    # "what meds are used for restless legs?"
    rf"\b(?:used|prescribed|given|do they give|do they use|do doctors prescribe|"
    rf"do doctors give) for {_ART}{_THING}(?=[?.,!]|$)",
]
_FORM_RES = [re.compile(form) for form in _FORMS]
# Something begun, then asked about as "it": "started creatine 2 weeks ago,
# can it give me cramps?". Read over the whole message, since the story before
# the question names the thing.
_BEGUN_RE = re.compile(
    # "im a roofer" tells a trade, not a thing begun: being on something needs
    # its verb ("im on baclofen", "been taking magnesium")
    r"\b(?:(?:started|began) (?:taking |using |on |drinking )?"
    r"|(?:been|am|i'm|im) (?:taking |using |on |drinking ))"
    rf"{_ART}{_THING}"
    r"(?=\s+(?:\d|last|a|about|recently|and|for|since|at|to|in|now)\b|[?.,!]|$)"
)
_CAUSE_OF_IT_RE = re.compile(
    r"\b(?:could|can|might|would|is|does|will) (?:it|that|this|they|these) "
    r"(?:be )?(?:causing|cause|give|giving|the reason|to blame|why|behind)\b"
    r"|\bshould i stop\b|\b(?:stop|quit|come off) (?:it|them)\b"
)
# Words that say what kind of thing it is, not which: "is it ok to do the
# rehab exercise program at home" asks about exercise therapy, which the
# sources name, though no source says "program"; "what are the signs" asks
# for the signs of what came before.
_KIND_WORDS = frozenset(
    """program programs programme programmes routine routines plan plans regime
    regimen schedule course courses session sessions thing things stuff method
    methods technique techniques kind type sort version sign signs symptom
    symptoms cause causes reason reasons risk risks option options""".split()
) | frozenset(
    # ...nor do words of degree ("does barely moving cause sore legs?")
    "barely hardly not never always just only really too very".split()
)
# Words that stand where a thing would, but point back or ask.
_NOT_THINGS = frozenset(
    """it that this these those they them you i he she we there
    what which how why in on into at to with for""".split()
)


def _things(matches: Iterable[re.Match]) -> List[str]:
    """The things matched, without the words that only point or ask."""
    return [
        m.group("thing")
        for m in matches
        if m.group("thing").split()[0] not in _NOT_THINGS
    ]


def asked_things(text: str) -> List[str]:
    """The things `text` (lower case) asks about in the forms above."""
    return unique(
        [thing for form in _FORM_RES for thing in _things(form.finditer(text))]
    )


def begun_things(text: str) -> List[str]:
    """What `text` says was begun, when its question asks whether "it" causes
    something or should stop."""
    if not _CAUSE_OF_IT_RE.search(text):
        return []
    return _things(_BEGUN_RE.finditer(text))


def unnamed_thing(
    text: str,
    parts: List[str],
    vocabulary: Vocabulary,
    correct: Callable[[str], str],
    named: Callable[[str], bool],
) -> str:
    """The first word, as written, of a thing that the question `parts` ask
    about, or that the whole message `text` says was begun (`begun_things`),
    and that the sources never use (`named`: a stemmed term appears in a
    passage); "" if none. The vocabulary's lay words count as named, and typos
    are fixed with `correct` first."""
    things = [t for part in parts for t in asked_things(part)] + begun_things(text)
    for thing in things:
        for word in WORD_RE.findall(vocabulary.replace(thing)):
            if word in STOP_WORDS or word in _KIND_WORDS:
                continue
            terms = [
                t
                for t in content_terms(correct(word))
                if t not in vocabulary.filler and not t[0].isdigit()
            ]
            if any(not named(t) for t in terms):
                return word
    return ""
