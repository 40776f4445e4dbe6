"""Finds respiratory and bulbar warning signs in a patient's message.

Deterministic rules over spaCy 3.4's tokenizer and sentencizer (there is no
pretrained pipeline offline). Each token's NORM is typo-corrected against a
closed vocabulary (bot.safety.typos); the message is cut into segments
(sentences, split again at "but", "however"...) and clauses (split at commas
and at "and I ..."). A sign is a *target* (breathing, swallowing, speech,
tongue...) paired with a *cue* that says it is impaired ("hard", "weak",
"can't", "feels tense"...), or a stand-alone sign word ("breathless",
"drooling"), unless a NegEx-style negation or a "fine"/"normally" in the
clause rules it out. When the rules are unsure they report a sign: a missed
emergency is far worse than a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Dict, FrozenSet, Iterator, List, Sequence, Tuple

from bot.safety import lexicon as lx
from bot.safety.context import Context
from bot.safety.context import build_matcher as build_context_matcher
from bot.safety.typos import correct, is_near

RESPIRATORY = "respiratory"
BULBAR = "bulbar"
NEGATION_WINDOW = 6  # tokens a negation reaches forward, as in NegEx
PAIRING_WINDOW = 15  # tokens either side in which a cue may explain a target


@dataclass(frozen=True)
class Sign:
    """One warning sign: the words that show it and where they are."""

    text: str
    category: str
    start: int  # character offsets into the message
    end: int


@dataclass(frozen=True)
class Detection:
    """The detector's verdict on one message."""

    red_flag: bool
    category: str | None
    signs: List[str]
    spans: Tuple[Sign, ...] = field(default=(), repr=False)

    def as_dict(self) -> Dict[str, Any]:
        """The JSON form the CLI prints."""
        return {
            "red_flag": self.red_flag,
            "category": self.category,
            "signs": self.signs,
        }


@dataclass(frozen=True)
class _Rule:
    category: str
    cues: FrozenSet[str]
    remote: bool = False  # may pair with a cue in another clause of the segment


_RULES: Dict[str, _Rule] = {
    "BREATH": _Rule(RESPIRATORY, lx.RESPIRATORY_CUES),
    "AIR": _Rule(RESPIRATORY, lx.AIR_CUES),
    "SWALLOW": _Rule(BULBAR, lx.SWALLOW_CUES, remote=True),
    "SPEECH": _Rule(BULBAR, lx.SPEECH_CUES),
    "CHEW": _Rule(BULBAR, lx.CHEW_CUES),
    "TONGUE": _Rule(BULBAR, lx.MOUTH_PART_CUES, remote=True),
    "PALATE": _Rule(BULBAR, lx.MOUTH_PART_CUES, remote=True),
    "JAW": _Rule(BULBAR, lx.JAW_CUES),
    "FACE": _Rule(BULBAR, lx.FACE_CUES),
    "THROAT": _Rule(BULBAR, lx.THROAT_CUES),
}
_PHRASES = {RESPIRATORY: lx.RESPIRATORY_PHRASES, BULBAR: lx.BULBAR_PHRASES}


def _import_spacy_without_torch():
    """spaCy, imported so that its thinc layer does not load torch.

    thinc imports torch whenever it is installed, and torch costs the Rasa
    server about 450 MB of RSS that nothing there uses (the rules need only
    the tokenizer; the semantic layer runs on onnxruntime). Where torch is
    already loaded (the tests, a build) this changes nothing.
    """
    import sys

    if "thinc" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # ImportError
        try:
            import spacy
        finally:
            del sys.modules["torch"]
    import spacy

    return spacy


@lru_cache(maxsize=1)
def _pipeline():
    """spaCy's English tokenizer, a sentencizer and the phrase Matcher, built once."""
    spacy = _import_spacy_without_torch()
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    # Phone shorthand of a negated modal, which the tokenizer keeps whole:
    # "cnt take deep breth" is "can't", an inability.
    for short, modal in lx.SHORT_NEGATED_MODALS.items():
        for written in (short, short.capitalize(), short.upper()):
            cut = len(written) - 2
            nlp.tokenizer.add_special_case(
                written,
                [
                    {"ORTH": written[:cut], "NORM": modal},
                    {"ORTH": written[cut:], "NORM": "not"},
                ],
            )
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    for category, phrases in _PHRASES.items():
        matcher.add(category, [[{"NORM": word} for word in p] for p in phrases])
    # One key per pattern, so that a match's alignment tells its fixed tokens
    # from the wildcards ("voice" and "sounds" of "voice ... sounds").
    for category, patterns in (
        (BULBAR, lx.BULBAR_PATTERNS),
        (RESPIRATORY, lx.RESPIRATORY_PATTERNS),
    ):
        for number, pattern in enumerate(patterns):
            matcher.add(f"{category}:{number}", [pattern])
    context_matcher, context_rules = build_context_matcher(nlp.vocab)
    return nlp, matcher, context_matcher, context_rules


def _fixed_positions(key: str) -> FrozenSet[int] | None:
    """The positions of a pattern's tokens that are not bare wildcards, for
    a key "CATEGORY:number"; None for a phrase (every token fixed)."""
    category, _, number = key.partition(":")
    if not number:
        return None
    patterns = lx.BULBAR_PATTERNS if category == BULBAR else lx.RESPIRATORY_PATTERNS
    return frozenset(
        i for i, token in enumerate(patterns[int(number)]) if set(token) - {"OP"}
    )


@lru_cache(maxsize=1)
def _semantic_layer():
    """The semantic layer on the ONNX encoder the build step made."""
    from bot import settings
    from bot.corpus.onnx_encoder import OnnxEncoder, onnx_path
    from bot.safety.semantic import SemanticLayer

    return SemanticLayer(OnnxEncoder(onnx_path(settings.load().corpus_build_dir)))


def warm_up() -> None:
    """Build the pipeline and load the semantic layer now (the Rasa component
    calls this when it loads, so a missing model stops the server at start)."""
    _semantic_layer()
    detect("warm up")


class _Message:
    """A tokenized message with typo-corrected norms and clause boundaries."""

    def __init__(self, text: str) -> None:
        nlp, matcher, context_matcher, context_rules = _pipeline()
        self.text = text
        # spaCy splits "can't" but not "CAN'T", and curly apostrophes hide it:
        # tokenize a lower-case copy with the same offsets, quote the original.
        plain = text.replace("\u2019", "'").replace("\u2018", "'")
        lowered = plain.lower()
        self.doc = nlp(lowered if len(lowered) == len(plain) else plain)
        self.norms = [correct(token.norm_) for token in self.doc]
        # "eyelids are droopy as well": "as well" is "too", not "well"
        for i in range(1, len(self.norms)):
            if self.norms[i] == "well" and self.norms[i - 1] == "as":
                self.norms[i] = "too"
        for token, norm in zip(self.doc, self.norms, strict=True):
            token.norm_ = norm
        self.matches = [
            (self.doc.vocab.strings[key], start, end, alignment)
            for key, start, end, alignment in matcher(self.doc, with_alignments=True)
        ]
        self.segment, self.clause = self._boundaries()
        self.roles = [self._negation_role(i) for i in range(len(self.norms))]
        self.context = Context(self, context_matcher(self.doc), context_rules)
        self.ruled_out: set = set()  # tokens of signs the rules ruled out
        self.denied: set = set()  # ... of those, the ones negated ("no ...")

    def _boundaries(self) -> Tuple[List[int], List[int]]:
        segment, clause = [], []
        seg = cl = 0
        sentence_starts = {sent.start for sent in self.doc.sents}
        norms = self.norms
        for i, norm in enumerate(norms):
            if i in sentence_starts and i:
                seg += 1
                cl += 1
            if norm in lx.SEGMENT_BREAKS:
                seg += 1
                cl += 1
            elif norm in lx.CLAUSE_BREAKS or (
                norm in lx.CLAUSE_CONJUNCTIONS
                and i + 1 < len(norms)
                and norms[i + 1] in lx.SUBJECTS
            ):
                cl += 1
            segment.append(seg)
            clause.append(cl)
        return segment, clause

    def _negation_role(self, i: int) -> str | None:
        """'ability' for can't-style inability, 'negation', or None."""
        norms = self.norms
        if norms[i] not in lx.NEGATIONS:
            return None
        # The clause's next five words (clauses are contiguous, so this is a
        # prefix of them); the closest three decide most roles.
        ahead = [
            norms[j]
            for j in range(i + 1, min(i + 6, len(norms)))
            if self.clause[j] == self.clause[i]
        ]
        after = ahead[:3]
        # "won't stop twitching" says the twitch goes on, not that a part fails.
        # The movement may be misspelt ("twitchimg"): it is no key word, so
        # the typo correction leaves it as written.
        stops = bool(after) and (
            after[0] in lx.STOP_VERBS or tuple(after[:2]) in lx.STOP_PHRASES
        )
        if (
            after[:1] == ["stop"]
            and after[1:2]
            and is_near(after[1], lx.STOPPABLE_MOVEMENTS)
        ):
            return None
        # ... nor does "my eye twitch won't stop", "a twitch that won't quit"
        if stops and any(
            is_near(n, lx.STOPPABLE_MOVEMENTS) for n in norms[max(0, i - 3) : i]
        ):
            return None
        if after[:1] and after[0] in lx.UNRELATED_ABILITIES:
            return None
        if self._modal_not(i):
            return "ability"
        # "couldn't get through a song without gasping": "without" after an
        # inability denies nothing; the gasping is the sign.
        if norms[i] == "without" and any(
            self._modal_not(j)
            for j in range(max(1, i - 8), i)
            if self.clause[j] == self.clause[i]
        ):
            return None
        if after and (
            after[0] in lx.PSEUDO_NEGATION_HEADS
            or (len(after) > 1 and after[0] in lx.INTENSIFIERS)
            and after[1] in lx.PSEUDO_NEGATION_HEADS
        ):
            return None
        # "no air", "not breathing" describe the problem itself, unlike
        # "no breathing problems" (even "no breathing issues right now").
        breath = bool(after) and lx.CONCEPT_OF.get(after[0]) in ("BREATH", "AIR")
        # ... also coordinated: "no breathing or swallowing problems"
        if breath and any(word in lx.PROBLEM_NOUNS for word in ahead[1:]):
            return "negation"
        if any(word in lx.NOT_PROBLEM_HEADS for word in after):
            return "ability"
        if breath:
            return "ability"
        return "negation"

    def _modal_not(self, i: int) -> bool:
        """Token i is the "not" of "can't", "couldn't", "won't": an inability."""
        return (
            self.norms[i] == "not" and i > 0 and self.norms[i - 1] in lx.ABILITY_MODALS
        )

    def span(self, indices: Sequence[int]) -> Tuple[str, int, int]:
        first, last = min(indices), max(indices)
        # "can't" is two tokens: show the modal with its "n't".
        if first and self.roles[first] == "ability":
            first -= 1
            indices = [first, *indices]

        def quote(a: int, b: int) -> str:
            return self.text[self.doc[a].idx : self.doc[b].idx + len(self.doc[b])]

        if last - first > 6:
            # Runs of adjacent words, quoted whole: "talking ... through my nose".
            runs: List[List[int]] = []
            for i in sorted(set(indices)):
                if runs and i == runs[-1][-1] + 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            text = " ... ".join(quote(run[0], run[-1]) for run in runs)
        else:
            text = quote(first, last)
        return text, self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    @cached_property
    def clause_ranges(self) -> Dict[int, range]:
        """Each clause id's tokens (clauses are contiguous), computed once so
        that walking every clause stays linear in the message."""
        ranges: Dict[int, range] = {}
        for j, cid in enumerate(self.clause):
            lo = ranges[cid].start if cid in ranges else j
            ranges[cid] = range(lo, j + 1)
        return ranges

    def in_clause(self, i: int) -> range:
        """Token i's clause, cut to PAIRING_WINDOW tokens either side."""
        return self._window(i, self.clause)

    def in_segment(self, i: int) -> range:
        """Token i's segment, cut to PAIRING_WINDOW tokens either side."""
        return self._window(i, self.segment)

    def _window(self, i: int, unit: List[int]) -> range:
        # Words far apart in one run-on sentence say little about each other,
        # and the cut keeps a 100 KB message linear in time.
        lo, hi = i, i
        while lo > 0 and i - lo < PAIRING_WINDOW and unit[lo - 1] == unit[i]:
            lo -= 1
        while (
            hi + 1 < len(unit) and hi - i < PAIRING_WINDOW and unit[hi + 1] == unit[i]
        ):
            hi += 1
        return range(lo, hi + 1)

    def negated(self, indices: Sequence[int]) -> bool:
        """NegEx: a negation shortly before the sign, in its clause, rules it
        out; for a sign paired across clauses, a negation before either end
        ("no probs breathing or swallowing, just a tight back")."""
        first = min(indices)
        if self.clause[first] != self.clause[max(indices)] and self._negated_at(first):
            return True
        return self._negated_at(max(indices))

    def _negated_at(self, anchor: int) -> bool:
        clause = self.in_clause(anchor)
        # ... but "no breathing issues right now" is a denial of the present.
        if any(
            self.norms[j] in lx.TEMPORAL_DOUBT
            and not (self.norms[j] == "now" and j and self.norms[j - 1] == "right")
            for j in clause
        ):
            return False
        return any(
            self.roles[j] == "negation" and 0 < anchor - j <= NEGATION_WINDOW
            for j in clause
            if j < anchor
        )

    def normal_in_clause(self, i: int) -> bool:
        """'breathing is fine', 'I swallow normally' (but not 'not normally')."""
        return any(
            self.norms[j] in lx.NORMAL_WORDS
            and not (j and self.roles[j - 1] == "ability")
            and not (j > 1 and self.roles[j - 2] == "ability")
            for j in self.in_clause(i)
        )

    def strong_cue_in_clause(self, i: int) -> bool:
        return any(
            self.norms[j] in lx.DIFFICULTY or self.roles[j] == "ability"
            for j in self.in_clause(i)
        )

    def strong(self, indices: Sequence[int]) -> bool:
        """An inability or difficulty, or a strong stand-alone sign word."""
        if len(indices) == 1 and self.norms[indices[0]] in lx.WEAK_SIGNS:
            return False
        return (
            len(indices) == 1
            or any(
                self.norms[j] in lx.STRONG_CUES or self.roles[j] == "ability"
                for j in range(min(indices), max(indices) + 1)
            )
            or self._throat_closing_beside(indices)
        )

    def _throat_closing_beside(self, indices: Sequence[int]) -> bool:
        """A throat sign in a sentence that says the throat is closing ("my
        throat feels tight and like it's closing"): no passing cause, nerves
        included, explains that away."""
        if not any(self.concept(j) == "THROAT" for j in indices):
            return False
        segment = self.segment[indices[0]]
        return any(
            n in lx.THROAT_SHUTTING and self.segment[j] == segment
            for j, n in enumerate(self.norms)
        )

    def unit_negated(self, start: int, end: int) -> bool:
        """A clause the semantic layer matched, but which says the opposite
        ("I have no trouble getting air in", "my breathing is fine", "I can
        swallow") or whose sign words the rules already ruled out."""
        span = range(start, end)
        # A clause whose sign words the rules ruled out (a segment of several
        # clauses may still say more).
        one_clause = self.clause[start] == self.clause[end - 1]
        if one_clause and any(j in self.ruled_out for j in span):
            return True
        # Several clauses, each naming a function only where it denies a
        # sign ("not short of breath, not choking, no slurring"). Signs the
        # context ruled out stay open to the semantic layer, a second look.
        if not one_clause and self._all_denied(span):
            return True
        # "fine now", "now breathing totally normal" are reassurance about
        # now, not doubt about the past.
        # ... and so is "normal right now".
        if any(
            self.norms[j] in lx.TEMPORAL_DOUBT
            and not (
                self.norms[j] == "now"
                and (
                    any(
                        n in lx.NORMAL_WORDS | lx.RECOVERY_WORDS
                        for n in self.norms[max(0, j - 2) : j]
                    )
                    or any(n in lx.NORMAL_WORDS for n in self.norms[j + 1 : j + 4])
                )
            )
            for j in span
        ):
            return False
        # A negated problem ("no trouble", "don't have any difficulty"); a
        # negated function ("doesn't close", "won't fill") is the sign itself.
        if self.denies_difficulty(span):
            return True
        norms = [self.norms[j] for j in span]
        # "the cough is strong and brings it up": the opposite of a weak cough.
        if (
            any(lx.CONCEPT_OF.get(n) == "COUGH" for n in norms)
            and "strong" in norms
            and self.unqualified(span)
        ):
            return True
        # "I can swallow", "I could breathe": able, unless only just.
        if any(
            n in lx.ABLE_MODALS
            and self.roles[j + 1 : j + 2] != ["ability"]
            # able to do what the sign is about, not "you can see ..."
            and j + 1 < len(self.norms)
            and self.norms[j + 1] in lx.CONCEPT_OF
            for j, n in zip(span, norms, strict=True)
        ) and not any(n in lx.LIMITING for n in norms):
            return True
        strong = any(
            self.norms[j] in lx.DIFFICULTY or self.roles[j] == "ability" for j in span
        )
        return (
            not strong
            and any(
                self.norms[j] in lx.NORMAL_WORDS
                and not (j and self.roles[j - 1] == "ability")
                # "is it normal that I ...": a question, no reassurance
                and not (j and self.norms[j - 1] in lx.QUESTION_SUBJECTS)
                # "starts off normal then fades": the baseline of a change
                and not any(n in lx.STARTS for n in self.norms[max(0, j - 2) : j])
                and "then" not in self.norms[j + 1 : j + 3]
                # "I run 10k normally", "sat perfectly still" say what is usual or
                # how: such an adverb reassures only after a function ("swallow
                # normally", "breathe easily").
                and not (
                    self.norms[j] in lx.MANNER_ADVERBS
                    and not any(self.concept(k) for k in range(max(0, j - 3), j))
                )
                for j in span
            )
        )

    def denies_difficulty(self, span: range) -> bool:
        """A negation in `span` followed within four words by a difficulty
        ("no trouble", "it's not hard to swallow")."""
        return any(
            self.roles[j] == "negation"
            and any(
                self.norms[k] in lx.DIFFICULTY
                for k in range(j + 1, min(j + 5, span.stop))
            )
            for j in span
        )

    def clauses_outside(self, start: int, end: int) -> Iterator[range]:
        """Each clause, in order, that shares no token with [start, end)."""
        for cid in sorted(self.clause_ranges):
            span = self.clause_ranges[cid]
            if not (span.start < end and start < span.stop):
                yield span

    def unqualified(self, span: Sequence[int]) -> bool:
        """No negation, inability or limit in `span`: "my cough is strong"
        stands, "not strong enough", "strong but can't clear it" do not."""
        return not any(
            self.roles[j] or self.norms[j] in lx.LIMITING | lx.COUGH_TOO for j in span
        )

    def all_clear(self, category: str, besides: Tuple[int, int]) -> bool:
        """Whether a clause outside `besides` says the category's function is
        fine ("breathing is normal", "eating normally since"), without a
        limit ("fine otherwise", "fine at rest"): the writer has checked, so a
        vaguer description elsewhere is not read as that sign."""
        concepts = lx.CATEGORY_CONCEPTS[category]
        for span in self.clauses_outside(*besides):
            lo, hi = span.start, span.stop
            norms = self.norms[lo:hi]
            # "but my lungs are fine?": an all-clear asked is a doubt, and so
            # is one that opens like a question ("which tablet is good")
            asked = (
                "?" in norms
                or self.norms[hi : hi + 1] == ["?"]
                or any(n in lx.QUESTION_OPENERS for n in norms[:2])
            )
            if asked or any(n in lx.ALL_CLEAR_LIMITS for n in norms):
                continue
            # "i feel like im talking normally": a hedged all-clear, which
            # others' "sorry what??" outweighs
            if any(pair in lx.HEDGES for pair in zip(norms, norms[1:], strict=False)):
                continue
            # "looks funny but eating fine" is an all-clear; "fine but ..."
            # takes it back.
            normal = [k for k, n in enumerate(norms) if n in lx.NORMAL_WORDS]
            if normal and any(n in lx.CONTRASTS for n in norms[normal[-1] :]):
                continue
            if any(lx.CONCEPT_OF.get(n) in concepts for n in norms) and (
                self.unit_negated(lo, hi) and any(n in lx.NORMAL_WORDS for n in norms)
            ):
                return True
        return False

    def globus(self, clause: Tuple[int, int]) -> bool:
        """A lump or tightness felt in the throat (`clause`) beside a clause
        that denies trouble swallowing ("it's not hard to swallow", "no problem
        swallowing"): the globus of tension. A throat that is closing stays a
        sign whatever the swallowing."""
        start, end = clause
        if any(n in lx.THROAT_CLOSING for n in self.norms[start:end]):
            return False
        # "... like a lump sits there, but I can eat and talk fine"
        if self.all_clear(BULBAR, clause):
            return True
        return any(
            "?" not in self.norms[span.start : span.stop]
            and any(lx.CONCEPT_OF.get(self.norms[j]) == "SWALLOW" for j in span)
            and self.denies_difficulty(span)
            for span in self.clauses_outside(start, end)
        )

    def _all_denied(self, span: range) -> bool:
        clauses: Dict[int, List[int]] = {}
        for j in span:
            clauses.setdefault(self.clause[j], []).append(j)
        naming = [c for c in clauses.values() if any(self._names(j) for j in c)]
        return bool(naming) and all(
            # "no chest pain" denies too; "can't finish a sentence without
            # gasping" denies nothing
            (any(j in self.denied for j in c) or self._opens_with_no(c))
            and not any(self.roles[j] == "ability" for j in c)
            for c in naming
        )

    def _opens_with_no(self, clause: List[int]) -> bool:
        words = [j for j in clause if not self.doc[j].is_punct]
        return bool(words) and self.roles[words[0]] == "negation"

    def _names(self, j: int) -> bool:
        norm = self.norms[j]
        return (
            norm in lx.CONCEPT_OF
            or norm in lx.RESPIRATORY_SIGNS
            or norm in lx.BULBAR_SIGNS
            or norm in lx.SEMANTIC_GATE_WORDS
        )

    def starts_an_instruction(self, start: int) -> bool:
        """A unit that opens with a bare imperative ("breathe into the belly
        for 5 counts") in a message that names who instructs."""
        return self.norms[start] in lx.IMPERATIVE_VERBS and any(
            n in lx.INSTRUCTION_SOURCES for n in self.norms
        )

    def asks_the_bot(self) -> bool:
        """A question put to the bot about itself ("what's your name?"),
        naming neither the writer nor anyone else, and no inability."""
        norms = [n for n in self.norms if n.strip()]
        return (
            bool(norms)
            and norms[0] in lx.QUESTION_OPENINGS
            and any(n in lx.BOT_WORDS for n in norms)
            and not any(
                n in lx.WRITER_WORDS or n in lx.OTHER_PEOPLE or n in lx.NEGATIONS
                for n in norms
            )
            and "ability" not in self.roles
            and "negation" not in self.roles
        )

    def names_a_function(self) -> bool:
        """Whether any word names breathing, speech, swallowing, the mouth or
        the face: the semantic layer's gate (lexicon.SEMANTIC_GATE_WORDS)."""
        return any(self._names(j) for j in range(len(self.norms)))

    def clause_span(self, start: int, end: int) -> Tuple[int, int]:
        """Tokens [start, end) widened to whole clauses."""
        return (
            self.clause_ranges[self.clause[start]].start,
            self.clause_ranges[self.clause[end - 1]].stop,
        )

    def concept(self, i: int) -> str | None:
        norm = self.norms[i]
        # "my eyes stay half open ... I can't squeeze them shut": the pronoun
        # of an eye that won't close is the eye.
        if (
            norm in ("them", "it")
            and any(
                n in ("shut", "close", "closed")
                for n in self.norms[max(0, i - 2) : i + 2]
            )
            and any(
                self.norms[j] in lx.EYE_WORDS and self.segment[j] == self.segment[i]
                for j in range(max(0, i - 25), i)
            )
        ):
            return "FACE"
        return lx.CONCEPT_OF.get(norm)


def _nearest(message: _Message, i: int, where: range, cues: FrozenSet[str]):
    """The cue that best explains target i: specific before vague, an
    inability before other cues ("can't take a deep breath without it
    stopping short"), then nearest."""
    found = [
        j
        for j in where
        if j != i and (message.norms[j] in cues or message.roles[j] == "ability")
    ]
    if not found:
        return None
    return min(
        found,
        key=lambda j: (
            message.norms[j] in lx.VAGUE_CUES,
            message.roles[j] != "ability",
            abs(j - i),
        ),
    )


def _contrast_cue(message: _Message, i: int) -> int | None:
    """'I can breathe, but it's hard': a difficulty right after but/though."""
    norms = message.norms
    for j in range(i + 1, min(i + PAIRING_WINDOW, len(norms))):
        if norms[j] in lx.CONTRASTS:
            # Only when nothing but "it"/"I" and verbs stand before the difficulty
            # ("but walking is hard" is about walking).
            for k in range(j + 1, min(j + 6, len(norms))):
                if norms[k] in lx.DIFFICULTY or message.roles[k] == "ability":
                    return k
                if norms[k] not in lx.CONTRAST_FILLER and not message.roles[k]:
                    return None
            return None
        if norms[j] in lx.SEGMENT_BREAKS:
            return None
    return None


def _target_signs(message: _Message, i: int) -> List[Tuple[str, List[int]]]:
    """Signs anchored on the target word at token i."""
    concept = message.concept(i)
    norms = message.norms
    rule = _RULES.get(concept)
    out: List[Tuple[str, List[int]]] = []
    if concept == "FACE" and norms[i] in lx.BLUE_TARGETS:
        blue = _nearest(message, i, message.in_clause(i), lx.BLUE_CUES)
        if blue is not None and norms[blue] in lx.BLUE_CUES:
            out.append((RESPIRATORY, [i, blue]))
    if rule is not None:
        after = norms[i + 1 : i + 3]
        skip = lx.NON_SYMPTOM_AFTER.get(concept, frozenset())
        deep = concept == "BREATH" and i and norms[i - 1] in lx.DEEP
        if (any(word in skip for word in after) or deep) and not (
            message.strong_cue_in_clause(i)
        ):
            return out
        cue = _nearest(message, i, message.in_clause(i), rule.cues)
        if cue is None and rule.remote:
            cue = _nearest(message, i, message.in_segment(i), rule.cues)
        if cue is None:
            cue = _contrast_cue(message, i)
        if cue is None and concept == "SWALLOW":
            # "when I swallow, ...": swallowing is what the message is about.
            cue = next(
                (j for j in range(max(0, i - 3), i) if norms[j] in lx.SWALLOW_TIME),
                None,
            )
        # "my tongue feels fine": a normal word outweighs all but a strong cue.
        if cue is not None and not (
            message.normal_in_clause(i) and not message.strong_cue_in_clause(i)
        ):
            out.append((rule.category, [i, cue]))
        return out
    if concept == "FOOD":
        # "eating normally since": the food is the reassurance.
        if message.normal_in_clause(i) and not message.strong_cue_in_clause(i):
            return out
        # "a hot water bottle": a thing named after a drink is no food.
        if norms[i + 1 : i + 2] and norms[i + 1] in lx.NON_SYMPTOM_AFTER["FOOD"]:
            return out
        partner = [
            j
            for j in message.in_segment(i)
            if message.concept(j) in ("COUGH", "CHOKE")
            or norms[j] in lx.FOOD_TROUBLE
            # "my food won't go down"
            or (norms[j] == "down" and message.strong_cue_in_clause(j))
        ]
        if partner:
            j = min(partner, key=lambda j: abs(j - i))
            out.append((BULBAR, [i, j]))
        elif norms[i] in lx.SALIVA_WORDS:
            pooling = _nearest(message, i, message.in_clause(i), lx.SALIVA_CUES)
            if pooling is not None and norms[pooling] in lx.SALIVA_CUES:
                out.append((BULBAR, [i, pooling]))
    elif concept == "COUGH":
        clause = message.in_clause(i)
        cue = _nearest(message, i, clause, lx.COUGH_WEAK_CUES)
        # "coughing that hard", "coughed so hard": how hard one coughed, not
        # a cough that is hard to do.
        forceful = (
            cue is not None
            and norms[cue] == "hard"
            and i < cue <= i + 2
            and (cue == i + 1 or norms[cue - 1] in lx.HOW_HARD)
        )
        # "my cough is strong", "coughing it clear" are the opposite of a
        # weak cough; "not strong enough", "can't clear it" are one.
        if (
            cue is not None
            and not forceful
            and not (norms[cue] in lx.COUGH_STRENGTH and message.unqualified(clause))
        ):
            out.append((RESPIRATORY, [i, cue]))
    elif concept == "CHOKE":
        clause = message.in_clause(i)
        airway = any(message.concept(j) in ("AIR", "BREATH") for j in clause)
        out.append((RESPIRATORY if airway else BULBAR, [i]))
    elif concept == "NOSE":
        segment = message.in_segment(i)
        partner = [
            j
            for j in segment
            if message.concept(j) == "FOOD" or norms[j].startswith("regurgitat")
        ]
        # Liquid coming *out* of the nose, not water getting in while swimming.
        if partner and any(norms[j] in lx.NOSE_CUES for j in segment):
            out.append((BULBAR, [i, min(partner, key=lambda j: abs(j - i))]))
    return out


def _standalone_signs(message: _Message, i: int) -> List[Tuple[str, List[int]]]:
    norm = message.norms[i]
    if norm in lx.RESPIRATORY_SIGNS:
        # "long-winded" is about talk, not breath.
        if norm == "winded" and i > 1 and message.norms[i - 2] == "long":
            return []
        return [(RESPIRATORY, [i])]
    if norm in lx.BULBAR_SIGNS:
        return [(BULBAR, [i])]
    return []


def detect(text: str, semantic: bool = True) -> Detection:
    """Whether `text` shows respiratory or bulbar warning signs, and which.

    The rules decide first; when they find nothing and the message names
    breathing, speech, swallowing, the mouth or the face at all, the semantic
    layer looks for a sign told in other words (`semantic=False` skips it).
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() needs a str, got {type(text).__name__}")
    if not text.strip():
        return Detection(False, None, [])
    message = _Message(text)
    verdict = _rule_verdict(message)
    if verdict.red_flag or not semantic or not message.names_a_function():
        return verdict
    if message.asks_the_bot():
        return verdict
    return _semantic_verdict(message)


def _semantic_verdict(message: _Message) -> Detection:
    signs = []
    for hit in _semantic_layer().hits(message):
        # A phrase is judged with its whole clause too: "drowning in work
        # and my shoulders are up round my ears" is an idiom, whichever part
        # the bank matched.
        spans = {hit.tokens, message.clause_span(*hit.tokens)}
        if any(message.unit_negated(start, end) for start, end in spans):
            continue
        if message.all_clear(hit.category, message.clause_span(*hit.tokens)):
            continue
        if message.starts_an_instruction(hit.tokens[0]):
            continue
        # A sign told in other words is a description, which a benign cause in
        # its sentence (a cold, the dentist) can explain.
        if any(
            message.context.rules_out_span(start, end, strong=False)
            for start, end in spans
        ):
            continue
        first, last = hit.chars
        signs.append(Sign(message.text[first:last], hit.category, first, last))
    if not signs:
        return Detection(False, None, [])
    categories = {s.category for s in signs}
    category = RESPIRATORY if RESPIRATORY in categories else BULBAR
    return Detection(True, category, [s.text for s in signs], tuple(signs))


def _rule_verdict(message: _Message) -> Detection:
    found: List[Tuple[str, List[int]]] = []
    for i in range(len(message.norms)):
        found += _target_signs(message, i)
        found += _standalone_signs(message, i)
    quoted: Dict[Tuple[str, int, int], List[int]] = {}
    for key, start, end, alignment in message.matches:
        category = key.partition(":")[0]
        found.append((category, list(range(start, end))))
        fixed = _fixed_positions(key)
        if fixed is not None:
            quoted[(category, start, end)] = [
                start + k for k, position in enumerate(alignment) if position in fixed
            ]
    signs: List[Sign] = []
    seen = set()
    for category, indices in found:
        words = " ".join(message.norms[min(indices) : max(indices) + 1])
        negated = message.negated(indices)
        strong = message.strong(indices)
        if (
            negated
            or message.context.category_of(indices[0], strong, words, min(indices))
            or message.context.inside_phrase(indices, strong)
            or (
                not strong
                and any(message.concept(j) == "THROAT" for j in indices)
                and message.globus(message.clause_span(min(indices), max(indices) + 1))
            )
            # over ("all better now") and the function said to be fine
            # ("breathing normal"), whatever else is weak
            or (
                message.context.resolved(indices[0])
                and message.all_clear(
                    category, message.clause_span(min(indices), max(indices) + 1)
                )
            )
        ):
            # The semantic layer must not bring back what the rules ruled out.
            message.ruled_out.update(indices)
            if negated:
                message.denied.update(indices)
            continue
        shown = quoted.get((category, min(indices), max(indices) + 1), indices)
        text_, start, end = message.span(shown)
        if (text_.lower(), category) in seen:
            continue
        seen.add((text_.lower(), category))
        signs.append(Sign(text_, category, start, end))
    # A sign inside a longer one ("choke" in "choke on my food") adds nothing.
    signs = [
        s
        for s in signs
        if not any(
            o is not s
            and o.start <= s.start
            and s.end <= o.end
            and o.end - o.start > s.end - s.start
            for o in signs
        )
    ]
    signs.sort(key=lambda s: s.start)
    if not signs:
        return Detection(False, None, [])
    # Breathing failure is the more immediate danger, so it names the category.
    categories = {s.category for s in signs}
    category = RESPIRATORY if RESPIRATORY in categories else BULBAR
    return Detection(True, category, [s.text for s in signs], tuple(signs))
