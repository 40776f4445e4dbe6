"""Context of a warning sign, in the spirit of medspaCy's ConText.

The rules are data (context_rules.json beside this file); this module is the one
engine that applies them. A rule is a *trigger* (a `literal` phrase or a spaCy
Matcher `pattern` over typo-corrected NORMs) with a `category`, a `direction`
(`forward`, `backward`, `both`, or `self` for an idiom that is its own target),
a `scope` unit (`clause`, `segment`, `sentence` or `message`) and a `max_scope`
in tokens; a `back_scope` narrows the reach back ("..., had polio as a kid"
dates the polio, not the signs before it). A `PSEUDO` trigger holds a trigger
word without its sense: "like" in "drools like crazy" is no comparison, and a
limit word inside a longer trigger ("again" in "pink again") is part of it.
A sign whose anchor token lies in a trigger's scope takes the trigger's
category, and a modified sign is not a current first-person report, so it does
not raise the flag.

"When in doubt, flag" limits every category:
- a `TERMINATE` trigger ("but", "now", "I") ends the scopes of the categories
  it lists, so "my husband says *I* slur" stays a sign;
- a `CURRENT` word ("now", "again", "still", "since") in the sign's own clause
  cancels RESOLVED: "it went away but now it's back" is current (and in the
  sign's segment, another person's weak sign: "his voice has gone nasal since
  this afternoon"); so does a
  `PROGRESSION` word ("weakness", "spreading") anywhere in the message: an
  episode that passed in a story of spreading weakness is not over;
- a rule with `"weak_only": true` (benign explanations such as the dentist or a
  cold) only rules out a sensation ("numb lip", "stings when I swallow"), never
  an inability ("can't swallow") or a stand-alone strong sign;
- a rule with `"only_signs"` explains those sign words and nothing else: hard
  exercise explains being "breathless" or "gasping", not "can't breathe";
  one with `"never_signs"` explains any sign but those: a breath stopped "for a
  few seconds" may be a moment's, lips gone blue never are;
- "fine" after "says", "insists" ("he keeps saying he's fine") is a claim,
  not a recovery;
- a benign cause named in a comparison ("I sound like I have a blocked nose")
  explains nothing;
- a rule with `"lifelong"` (a trait one was born with, another person's
  long-known pattern) does not hold in a clause that says the sign began now
  ("a lisp out of nowhere today"), nor, with `"lifelong": "message"`, in a
  message with an `ONSET` trigger ("it began 3 days ago");
- an instruction does not reach a reported inability: "he keeps saying he
  can't breathe in" is his report, "keeps saying to breathe low" a cue;
- a rule with `"subject_only": true` (another person) counts only where the
  person is the subject of a clause: "read *my son* a story and had to pause
  for air" is the writer's own breath;
- a rule with `"others_only": true` counts only for a sign told of another
  person (named before it in its clause, the writer not the subject), and the
  writer's "I" does not end its reach: "my dad's speech gets slurred when
  he's tired ... I'm asking for myself though". Another person's sign that
  is new or going on now stays an emergency (the OTHER_PERSON exceptions),
  unless the rule says `"despite_recurring": true` and the sign only keeps
  recurring: a doctor already looking into another person's swallowing
  trouble ("my mum keeps choking on her tablets, the GP is looking into it")
  is care under way; "she's choking now" stays an emergency;
- a rule with `"yields_to_now": true` (a question or a worry) does not reach
  a sign in another clause told as now or as begun ("what are the signs of
  gbs, i cant swallow since this morning"), nor, unless it is a condition
  ("what if", "in case"), one in its own clause ("out of curiosity is it
  normal that i cant swallow today");
- a rule with `"not_in_sentence_with"` does not hold in a sentence that has one
  of those words: "so nervous I forgot to breathe" is a figure of speech, "I
  wake up feeling like I forgot to breathe" a night-time sign.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Sequence, Tuple

from bot.safety import lexicon as lx

RULES_PATH = Path(__file__).with_name("context_rules.json")
CATEGORIES = frozenset(
    {"NEGATED", "RESOLVED", "HYPOTHETICAL", "OTHER_PERSON", "INSTRUCTION", "IDIOM"}
    | {"OTHER", "TERMINATE", "CURRENT", "PROGRESSION", "PSEUDO", "ONSET"}
)
# Categories that limit or cancel others rather than rule a sign out.
LIMITERS = frozenset({"TERMINATE", "CURRENT", "PROGRESSION", "PSEUDO", "ONSET"})
# A trigger inside a longer trigger of another kind is part of that phrase:
# "again" in "pink again", "like" in "like crazy".
PART_OF_PHRASE = frozenset({"TERMINATE", "CURRENT"})
# "now and then" says how often, not that it is happening now.
OFTEN = (["and", "then"], ["and", "again"])
DIRECTIONS = frozenset({"forward", "backward", "both", "self"})
SCOPES = frozenset({"clause", "segment", "sentence", "message"})


class ContextRuleError(ValueError):
    """A rule in the rules file is malformed."""


@dataclass(frozen=True)
class ContextRule:
    """One trigger and what it does to the signs in its scope."""

    name: str
    category: str
    direction: str = "both"
    scope: str = "sentence"
    max_scope: int = 30
    weak_only: bool = False
    terminates: FrozenSet[str] = frozenset()  # for TERMINATE: categories it ends
    only_signs: FrozenSet[str] = frozenset()  # if set: the sign texts it explains
    never_signs: FrozenSet[str] = frozenset()  # sign words it never explains
    subject_only: bool = False
    back_scope: str | None = None  # a narrower unit for reaching back
    forward_only: bool = False  # for TERMINATE: ends only a forward reach
    others_only: bool = False  # only for a sign told of another person
    despite_recurring: bool = False  # holds for another's sign that keeps recurring
    # a question or worry that does not reach a sign told as now (see
    # category_of): "what are the signs of gbs, i cant swallow since this morning"
    yields_to_now: bool = False
    # A lifelong trait or long-known pattern, which an onset undoes: in the
    # sign's clause ("clause") or, for "message", anywhere ("it began 3 days ago").
    lifelong: str | None = None
    # Words whose presence in the trigger's sentence voids the trigger.
    not_in_sentence_with: FrozenSet[str] = frozenset()


@dataclass(frozen=True)
class Modifier:
    """A trigger found in a message: its rule and token span [start, end)."""

    rule: ContextRule
    start: int
    end: int


def _rule(number: int, raw: dict) -> Tuple[ContextRule, List[List[dict]]]:
    where = f"{RULES_PATH.name} rule {number}"
    if ("literal" in raw) == ("pattern" in raw):
        raise ContextRuleError(f"{where}: give exactly one of literal or pattern")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise ContextRuleError(f"{where}: category {category!r} not in {CATEGORIES}")
    direction = raw.get("direction", "both")
    scope = raw.get("scope", "sentence")
    if direction not in DIRECTIONS or scope not in SCOPES:
        raise ContextRuleError(f"{where}: direction/scope {direction}/{scope} unknown")
    if raw.get("lifelong") not in (None, "clause", "message"):
        raise ContextRuleError(f"{where}: lifelong must be clause or message")
    literals = raw.get("literal")
    if literals is not None:
        literals = [literals] if isinstance(literals, str) else literals
        patterns = [[{"NORM": w} for w in lit.lower().split()] for lit in literals]
        name = literals[0]
    else:
        patterns, name = [raw["pattern"]], raw.get("name", f"pattern {number}")
    rule = ContextRule(
        name=name,
        category=category,
        direction=direction,
        scope=scope,
        max_scope=int(raw.get("max_scope", 30)),
        weak_only=bool(raw.get("weak_only", False)),
        terminates=frozenset(raw.get("terminates", ())),
        only_signs=frozenset(raw.get("only_signs", ())),
        never_signs=frozenset(raw.get("never_signs", ())),
        subject_only=bool(raw.get("subject_only", False)),
        back_scope=raw.get("back_scope"),
        forward_only=bool(raw.get("forward_only", False)),
        others_only=bool(raw.get("others_only", False)),
        despite_recurring=bool(raw.get("despite_recurring", False)),
        yields_to_now=bool(raw.get("yields_to_now", False)),
        lifelong=raw.get("lifelong"),
        not_in_sentence_with=frozenset(raw.get("not_in_sentence_with", ())),
    )
    return rule, patterns


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_PATH) -> Tuple[ContextRule, ...]:
    """The rules, in file order (read once)."""
    return tuple(r for r, _ in _parsed(path))


@lru_cache(maxsize=1)
def _parsed(path: Path = RULES_PATH) -> Tuple[Tuple[ContextRule, list], ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_rule(n, raw) for n, raw in enumerate(data["rules"], start=1))


def build_matcher(vocab):
    """A spaCy Matcher over NORMs with one key per rule; and key -> rule."""
    from spacy.matcher import Matcher

    from bot.safety.typos import correct

    matcher = Matcher(vocab)
    by_key: Dict[int, ContextRule] = {}
    for number, (rule, patterns) in enumerate(_parsed(), start=1):
        key = f"CONTEXT_{number}"
        fixed = [
            [
                {**tok, "NORM": correct(tok["NORM"])}
                if isinstance(tok.get("NORM"), str)
                else tok
                for tok in pattern
            ]
            for pattern in patterns
        ]
        matcher.add(key, fixed)
        by_key[vocab.strings[key]] = rule
    return matcher, by_key


# What takes a trigger back, by its category; each test gets the message,
# the trigger's start and end, and the PSEUDO tokens.
_VOIDED_BY = {
    # "I sound like I have a blocked nose", "no alcohol"
    "OTHER": (
        lambda message, s, e, pseudo: _compared(message, s, pseudo),
        lambda message, s, e, pseudo: _cause_denied(message, s),
    ),
    # "he keeps saying he's fine", "fine until today"
    "RESOLVED": (
        lambda message, s, e, pseudo: _denied(message, s),
        lambda message, s, e, pseudo: _until(message, e),
        # "but my xray was fine?": asked, it is a doubt
        lambda message, s, e, pseudo: message.norms[e : e + 1] == ["?"],
    ),
    # "her smile looks lopsided, she says it's nothing"
    "NEGATED": (lambda message, s, e, pseudo: _patients_claim(message, s),),
}


class Context:
    """The modifiers of one message and the scopes they reach."""

    def __init__(self, message, matches: Sequence[Tuple[int, int, int]], by_key):
        self.message = message
        pseudo = {
            j
            for k, s, e in matches
            if by_key[k].category == "PSEUDO"
            for j in range(s, e)
        }
        found = [
            Modifier(by_key[k], s, e)
            for k, s, e in matches
            if not (by_key[k].subject_only and not _opens_clause(message, s))
            and not any(
                voids(message, s, e, pseudo)
                for voids in _VOIDED_BY.get(by_key[k].category, ())
            )
        ]
        self.sentence = _sentence_ids(message)
        found = [m for m in found if not self._voided_by_its_sentence(m)]
        self.modifiers = [m for m in found if not _part_of_phrase(m, found)]
        self.current = [
            m
            for m in self.modifiers
            if m.rule.category == "CURRENT" and not _reassuring_now(message.norms, m)
        ]
        # "it began 3 days ago": the message dates a start
        self.onset = any(m.rule.category == "ONSET" for m in self.modifiers)
        self.progression = any(
            m.rule.category == "PROGRESSION" and not _describes_a_sign(message, m)
            for m in self.modifiers
        )
        self.quoted_instruction = _quoted_instruction(message)

    def _voided_by_its_sentence(self, mod: Modifier) -> bool:
        words = mod.rule.not_in_sentence_with
        if not words:
            return False
        sentence = self.sentence[mod.start]
        return any(
            self.sentence[j] == sentence and norm in words
            for j, norm in enumerate(self.message.norms)
        )

    def _unit(self, scope: str) -> List[int]:
        if scope == "clause":
            return self.message.clause
        if scope == "segment":
            return self.message.segment
        if scope == "sentence":
            return self.sentence
        return [0] * len(self.message.norms)

    def _terminated(
        self, category: str, lo: int, hi: int, forward: bool = False
    ) -> bool:
        """Whether a TERMINATE trigger for `category` lies in tokens [lo, hi).

        A comparison after a benign cause describes what the cause does
        ("blocked nose from a cold, I sound like I'm talking through a
        pillow"), so it ends no forward reach of that cause; a cause named
        inside a comparison is no cause (`_compared`)."""
        norms = self.message.norms
        return any(
            m.rule.category == "TERMINATE"
            and category in m.rule.terminates
            and lo <= m.start
            and m.end <= hi
            and (forward or not m.rule.forward_only)
            and not (
                forward
                and category == "OTHER"
                and set(norms[m.start : m.end]) <= lx.COMPARISONS | {"as"}
            )
            for m in self.modifiers
        )

    def _reaches(self, mod: Modifier, anchor: int) -> bool:
        rule = mod.rule
        if rule.direction == "self":
            return mod.start <= anchor < mod.end
        if mod.start <= anchor < mod.end:  # "if my breathing ever ..."
            return True
        unit = self._unit(rule.scope)
        if unit[anchor] != unit[mod.start]:
            return False
        if anchor >= mod.end and rule.direction in ("forward", "both"):
            if anchor - mod.end < rule.max_scope:
                return rule.others_only or not self._terminated(
                    rule.category, mod.end, anchor, forward=True
                )
        if anchor < mod.start and rule.direction in ("backward", "both"):
            if rule.back_scope and not self._refers_back(mod, anchor, rule.back_scope):
                return False
            if mod.start - anchor <= rule.max_scope:
                return rule.others_only or not self._terminated(
                    rule.category, anchor + 1, mod.start
                )
        return False

    def _told_of_another(self, anchor: int, first: int) -> bool:
        """Whether the sign's segment names another person up to its anchor
        ("my grandma chokes", "my dad has MG and his voice gets weak"), and
        not the writer before the sign's first word ("my dad says I slur";
        "... so we puree it" comes after "chokes")."""
        message = self.message
        segment = message.segment
        start = segment.index(segment[anchor])
        if not any(n in lx.OTHER_PEOPLE for n in message.norms[start : anchor + 1]):
            return False
        # The person named last before the sign is whose it is: "a colleague
        # told me her voice went nasal" is hers, "my dad says I slur" mine.
        for n in reversed(message.norms[start : first + 1]):
            if n in lx.WRITER_WORDS:
                return False
            if n in lx.OTHER_PEOPLE:
                return True
        return True

    def _refers_back(self, mod: Modifier, anchor: int, scope: str) -> bool:
        """Whether a trigger reaches back to the sign at `anchor`: in the same
        `scope` unit, or from a unit that points back at it ("..., that was
        years ago"); "..., had polio as a kid" dates the polio, not the sign."""
        unit = self._unit(scope)
        if unit[anchor] == unit[mod.start]:
            return True
        first = unit.index(unit[mod.start])
        words = [
            n
            for j, n in enumerate(self.message.norms[first : mod.start], start=first)
            if not (self.message.doc[j].is_punct or n in lx.CLAUSE_CONJUNCTIONS)
        ]
        if words:
            return words[0] in lx.BACK_REFERENCES
        # A time that opens a statement of its own dates that statement:
        # "..., last month I was running 5k" is how things were.
        after = self.message.norms[mod.end : mod.end + 2]
        return not any(n in lx.FIRST_PERSON_SUBJECTS for n in after)

    def _current_in_clause(self, anchor: int) -> bool:
        clause = self.message.clause
        return any(clause[m.start] == clause[anchor] for m in self.current)

    def resolved(self, anchor: int) -> bool:
        """Whether an episode-over trigger reaches the sign, the sign's own
        clause not saying it goes on; a story of weakness is not asked about
        (the caller pairs this with an all-clear)."""
        return not self._current_in_clause(anchor) and any(
            m.rule.category == "RESOLVED" and self._reaches(m, anchor)
            for m in self.modifiers
        )

    def _now_in_clause(
        self, anchor: int, recurring: bool = True, progressive: bool = True
    ) -> bool:
        """A word in the sign's clause that puts it in the present; with
        `recurring` False, "keeps choking" (a pattern) does not; with
        `progressive` False, neither does "is slurring" (help is on its way)."""
        message = self.message
        norms = message.norms
        ranges = message.clause_ranges
        own = ranges[message.clause[anchor]]
        # "drooling since this morning": a since-clause dates the one before
        after = self._since_clause_after(anchor)
        if after is not None:
            own = range(own.start, after.stop)
        return any(
            (
                norms[j] in lx.PRESENT_MOMENT
                and norms[j + 1 : j + 3] not in OFTEN
                and (recurring or norms[j] not in lx.RECURRING)
            )
            or (norms[j] in lx.PARTS_OF_DAY and j and norms[j - 1] == "this")
            # "since yesterday afternoon", "since Monday": going on until now
            or (norms[j] in lx.RECENT_TIMES and j and norms[j - 1] == "since")
            # "you can see the neck muscles standing out": seen as one writes
            or (norms[j] in lx.SENSED_NOW and j and norms[j - 1] == "can")
            # "her lips have gone a bit bluey grey": a change that holds now
            or (
                norms[j] in lx.PERFECT_AUXILIARIES
                and j + 1 < len(norms)
                and norms[j + 1] in lx.CHANGE_PARTICIPLES
            )
            # "one of our residents is breathing fast": one person, right now
            or (
                progressive
                and norms[j] in ("is", "s")
                and j + 1 < len(norms)
                and lx.is_sign_doing(norms[j + 1])
            )
            for j in own
        )

    def _since_clause_after(self, anchor: int) -> range | None:
        """The clause after the sign's, if it opens with "since"."""
        message = self.message
        after = message.clause_ranges.get(message.clause[anchor] + 1)
        if after is not None and message.norms[after.start] == "since":
            return after
        return None

    def _since_follows(self, anchor: int) -> bool:
        """The clause after the sign's opens with "since": it goes on now
        ("ever since" dates it from the past event: long known)."""
        after = self._since_clause_after(anchor)
        if after is None or self.message.norms[after.start - 1] == "ever":
            return False
        # "..., since then she eats and drinks normally" says it is over.
        # (The clause splitter may cut after "since": read on a few words.)
        norms = self.message.norms
        sentence = self.sentence
        told = [
            n
            for j, n in enumerate(norms[after.start : after.start + 9], after.start)
            if sentence[j] == sentence[after.start]
        ]
        said_normal = any(n in lx.NORMAL_WORDS | lx.RECOVERY_WORDS for n in told)
        return not said_normal or any(n in lx.NEGATIONS for n in told)

    def _reported(self, mod: Modifier, anchor: int) -> bool:
        """What the trigger introduces is a report, not a cue: a subject after
        it and an inability up to the sign ("he keeps saying *he can't*
        breathe in all the way"), or a possessive right after "saying" ("mum
        keeps saying *my voice* sounds nasal")."""
        norms, roles = self.message.norms, self.message.roles
        if (
            norms[mod.end - 1] in ("saying", "says")
            and mod.end < len(norms)
            and norms[mod.end] in lx.REPORTED_POSSESSIVES
        ):
            return True
        subjects = [
            j for j in range(mod.end, anchor + 1) if norms[j] in lx.REPORTED_SUBJECTS
        ]
        return bool(subjects) and any(
            roles[k] == "ability"
            for k in range(subjects[0] + 1, anchor + 2)
            if k < len(roles)
        )

    def _onset_in_sentence(self, anchor: int) -> bool:
        sentence = self.sentence
        return any(
            m.rule.category == "ONSET" and sentence[m.start] == sentence[anchor]
            for m in self.modifiers
        )

    def _onset_in_clause(self, anchor: int) -> bool:
        return any(n in lx.ONSET_WORDS for n in self._clause_norms(anchor))

    def _clause_norms(self, anchor: int) -> List[str]:
        clause = self.message.clause_ranges[self.message.clause[anchor]]
        return [self.message.norms[j] for j in clause]

    def _current_in_segment(self, anchor: int) -> bool:
        segment = self.message.segment
        return any(segment[m.start] == segment[anchor] for m in self.current)

    def category_of(
        self,
        anchor: int,
        strong: bool,
        sign: str | None = None,
        first: int | None = None,
    ) -> str | None:
        """The context category that rules out a sign anchored at `anchor`, if any.

        `strong`: the sign is an inability or a strong stand-alone sign, which
        a benign explanation (weak_only rules) does not explain away. `sign`:
        the sign's words (lower-case norms), for rules that explain only some
        signs; None (a semantic match) never meets such a rule. `first`: the
        sign's first token (the anchor if None), where its subject is looked
        for ("my grandma chokes ... so we puree it" is told of her, whichever
        word anchors).
        """
        if anchor in self.quoted_instruction:
            return "INSTRUCTION"
        for mod in self.modifiers:
            rule = mod.rule
            if rule.category in LIMITERS:
                continue
            if rule.weak_only and strong:
                continue
            # "slurred my words" is explained as "slurred" is
            if rule.only_signs and not _names_one_of(sign, rule.only_signs):
                continue
            if rule.never_signs and _names_one_of(sign, rule.never_signs):
                continue
            if rule.others_only and not self._told_of_another(
                anchor, anchor if first is None else first
            ):
                continue
            if not self._reaches(mod, anchor):
                continue
            # "keeps going down the wrong way, happens to everyone?": what is
            # common to everyone explains no sign said to go on.
            if (
                rule.category == "HYPOTHETICAL"
                and rule.only_signs
                and self._current_in_clause(anchor)
            ):
                continue
            # "what are the signs of gbs, i cant swallow since this morning":
            # a question or a worry in another clause does not make a sign
            # its own clause tells as now, or as begun, hypothetical; nor
            # does a framing that asks nothing conditional ("out of
            # curiosity is it normal that i cant swallow today"), even in
            # the sign's own clause.
            if rule.yields_to_now and (
                (
                    self.message.clause[mod.start] != self.message.clause[anchor]
                    or not lx.CONDITIONAL_WORDS
                    & set(self.message.norms[mod.start : mod.end])
                )
                and (
                    self._now_in_clause(anchor, progressive=False)
                    or self._onset_in_clause(anchor)
                    or lx.ALREADY_BEGUN & set(self._clause_norms(anchor))
                )
            ):
                continue
            # "shes gasping after a few steps, new today. ... i just want to
            # know if her tablets could do that": a question asked elsewhere
            # in the message does not make a sign told as now hypothetical.
            if (
                rule.category == "HYPOTHETICAL"
                and rule.scope == "message"
                and any(
                    self.sentence[m.start] == self.sentence[anchor]
                    for m in self.current
                )
            ):
                continue
            # ... and so does a since-clause after the sign: "had a stroke
            # last year, slurring since this morning"
            if rule.category == "RESOLVED" and (
                self.progression
                or self._current_in_clause(anchor)
                or self._since_follows(anchor)
            ):
                continue
            # "got a lisp out of nowhere today": a trait that began now is no
            # lifelong trait.
            if rule.lifelong and (
                self._onset_in_clause(anchor)
                or (rule.lifelong == "message" and self.onset)
            ):
                continue
            # "keeps saying he can't breathe in" reports an inability; an
            # instruction says what to do ("keeps saying to breathe low").
            if rule.category == "INSTRUCTION" and self._reported(mod, anchor):
                continue
            # "my son's voice has gone nasal since this afternoon": another
            # person's sign happening now is an emergency too.
            if (
                rule.category == "OTHER_PERSON"
                and rule.weak_only
                and self._current_in_segment(anchor)
            ):
                continue
            # Someone cared for, or a child ill since a bug, whose sign is
            # happening *now* ("one of our residents is right now breathing
            # with her shoulders"): the person writing can call for help.
            # Animals stay out (subject_only rules).
            # A doctor already looking into another person's swallowing that
            # keeps failing ("the GP is looking into it") is that care, not an
            # emergency ("despite_recurring"): "keeps" is no longer "now".
            if (
                rule.category == "OTHER_PERSON"
                and not rule.subject_only
                and (
                    self._now_in_clause(
                        anchor,
                        recurring=not rule.despite_recurring,
                        progressive=not rule.others_only,
                    )
                    # "... can't shut her eyes fully, staff said it started
                    # this week": a start dated in the sentence is new.
                    or self._onset_in_sentence(anchor)
                    # "visiting my gran in the care home now and she cant
                    # cough properly": the setting told now, in the sign's
                    # sentence, puts the sign now.
                    or (
                        self.sentence[mod.start] == self.sentence[anchor]
                        and self._now_in_clause(
                            mod.start, recurring=False, progressive=False
                        )
                    )
                )
            ):
                continue
            return rule.category
        return None

    def inside_phrase(self, indices: Sequence[int], strong: bool) -> str | None:
        """The category of an idiom or benign phrase that holds one of the
        sign's words: "hard" in "bit my tongue hard" is the biting."""
        for mod in self.modifiers:
            rule = mod.rule
            if rule.direction != "self" or rule.category in LIMITERS:
                continue
            if rule.weak_only and strong:
                continue
            if any(mod.start <= j < mod.end for j in indices):
                return rule.category
        return None

    def rules_out_span(self, start: int, end: int, strong: bool) -> str | None:
        """The category that rules out a clause the semantic layer matched:
        an idiom or technique inside it, or triggers whose scopes cover most
        (60 %) of its other words."""
        for mod in self.modifiers:
            # An idiom or a technique rules out the clause or segment it is in;
            # the segment's other clauses are checked on their own.
            if mod.rule.direction == "self" and start <= mod.start < end:
                if not (mod.rule.weak_only and strong):
                    return mod.rule.category
            # A unit that is the trigger itself ("throat is scratchy", a
            # benign phrase) has no other words to weigh.
            if (
                mod.start <= start
                and end <= mod.end
                and mod.rule.category not in LIMITERS
                and not (mod.rule.weak_only and strong)
                and not mod.rule.only_signs
                and not mod.rule.others_only
            ):
                return mod.rule.category
        in_trigger = {
            j
            for m in self.modifiers
            if m.rule.category not in LIMITERS
            for j in range(m.start, m.end)
        }
        doc = self.message.doc
        words = [
            j
            for j in range(start, end)
            if j not in in_trigger and not (doc[j].is_punct or doc[j].is_space)
        ]
        # A unit made only of triggers that overlap ("got my breath back" and
        # "breath back quick") is those triggers, as a unit inside one is.
        if not words:
            covering = [
                m
                for m in self.modifiers
                if m.rule.category not in LIMITERS
                and m.start < end
                and start < m.end
                and not (m.rule.weak_only and strong)
                and not m.rule.only_signs
                and not m.rule.others_only
            ]
            spoken = [
                j for j in range(start, end) if not (doc[j].is_punct or doc[j].is_space)
            ]
            if spoken and all(
                any(m.start <= j < m.end for m in covering) for j in spoken
            ):
                return covering[0].rule.category
        # The unit's own words name the sign for rules that explain only
        # some signs ("drooled ..." after a night of drinking).
        sign = " ".join(self.message.norms[start:end])
        # The unit's first clause says whose it is: "my nan coughs on drinks
        # a lot, so we thicken them" is hers; "my husband says I breathe
        # with my belly" is the writer's.
        whose = self.message.clause_ranges[self.message.clause[start]].stop - 1
        found = [self.category_of(j, strong, sign, whose) for j in words]
        ruled = [c for c in found if c]
        if words and len(ruled) > 0.6 * len(words):
            return ruled[0]
        # The words that name a function ("breathe" in "my instructor says
        # to breathe into my ribs, is that why they ache") are what the unit
        # is about: an instruction or a question about every one of them is
        # not a report, whatever the rest of the unit says; an inability
        # ("she keeps saying she can't get a full breath") is one.
        named = [
            c for j, c in zip(words, found, strict=True) if self.message.concept(j)
        ]
        unable = any(self.message.roles[j] == "ability" for j in range(start, end))
        if named and all(c in NOT_A_REPORT for c in named) and not unable:
            return named[0]
        return None


# Categories that make a function word something other than a report.
NOT_A_REPORT = frozenset({"INSTRUCTION", "HYPOTHETICAL", "IDIOM"})


def _reassuring_now(norms: Sequence[str], mod: Modifier) -> bool:
    """ "fully recovered now", "now breathing totally normal": "now" that
    says the trouble is over, not that it goes on."""
    if norms[mod.start : mod.end] != ["now"]:
        return False
    before = norms[max(0, mod.start - 2) : mod.start]
    after = norms[mod.end : mod.end + 3]
    if any(n in lx.NEGATIONS for n in before + after):
        return False
    return any(n in lx.NORMAL_WORDS | lx.RECOVERY_WORDS for n in before) or any(
        n in lx.NORMAL_WORDS for n in after
    )


def _part_of_phrase(mod: Modifier, found: Sequence[Modifier]) -> bool:
    """A limit word inside a longer trigger of another kind, or any trigger
    inside a longer PSEUDO phrase ("lisp" in "now I lisp", "hilarious" in
    "my kids think it's hilarious"), is part of that phrase."""
    return any(
        o.rule.category != mod.rule.category
        # a dated start ("since 2 days") only adds to what its words say
        and o.rule.category != "ONSET"
        and (mod.rule.category in PART_OF_PHRASE or o.rule.category == "PSEUDO")
        and o.start <= mod.start
        and mod.end <= o.end
        and o.end - o.start > mod.end - mod.start
        for o in found
    )


def _describes_a_sign(message, mod: Modifier) -> bool:
    """ "weak" in a clause about breathing, the voice or swallowing ("my voice
    went nasal and weak") describes that sign; it does not make the story one
    of spreading weakness, as "the weakness is spreading up my arms" does."""
    norms = message.norms
    if not set(norms[mod.start : mod.end]) <= lx.SIGN_WEAKNESS:
        return False
    clause = message.clause
    return any(
        clause[j] == clause[mod.start] and norm in lx.CONCEPT_OF
        for j, norm in enumerate(norms)
    )


def _quoted_instruction(message) -> FrozenSet[int]:
    """Tokens inside quotation marks in a message that names who instructs
    ("my physio's instructions: 'breathe out through pursed lips'"): words
    quoted from an instruction are not the writer's report. A quote the
    writer introduces ("I said 'like I can't get a full breath'") is."""
    norms = message.norms
    if not any(n in lx.INSTRUCTION_SOURCES for n in norms):
        return frozenset()
    quoted: set = set()
    opened = None
    for i, token in enumerate(message.doc):
        if token.text not in lx.QUOTE_MARKS or _apostrophe(message.doc, i):
            continue
        if opened is None:
            opened = i
            continue
        if "i" not in norms[max(0, opened - 4) : opened]:
            quoted.update(range(opened + 1, i))
        opened = None
    return frozenset(quoted)


def _apostrophe(doc, i: int) -> bool:
    """A ' between two letters ("don't" split oddly, "o'clock") is no quote."""
    return (
        doc[i].text == "'"
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def _names_one_of(sign: str | None, only_signs: FrozenSet[str]) -> bool:
    """Whether the sign's words hold one of `only_signs`: a word ("slurred"
    in "slurred my words") or a phrase ("out of breath" in a clause the
    semantic layer matched)."""
    if sign is None:
        return False
    padded = f" {sign} "
    return any(f" {o} " in padded for o in only_signs)


def _compared(message, i: int, pseudo: FrozenSet[int] | set = frozenset()) -> bool:
    """'I sound like I have a blocked nose': a cause named in a comparison is
    not the cause ("drools like crazy when teething" names no comparison)."""
    norms = message.norms
    return any(
        norms[j] in lx.COMPARISONS
        and j not in pseudo
        # "if" and "though" compare only in "as if", "like if": "if my
        # typing looks slurred" names a cause
        and (norms[j] == "like" or (j and norms[j - 1] in {"as", "like"}))
        for j in range(max(0, i - 4), i)
    )


def _cause_denied(message, i: int) -> bool:
    """'no alcohol', 'haven't had any wine': a cause the writer rules out
    explains nothing."""
    return any(
        message.roles[j] == "negation" and message.clause[j] == message.clause[i]
        for j in range(max(0, i - 3), i)
    )


def _until(message, end: int) -> bool:
    """'he was fine before', 'fine until today': how things were, which
    makes what follows new, not over."""
    return end < len(message.norms) and message.norms[end] in lx.UNTIL_WORDS


def _patients_claim(message, i: int) -> bool:
    """'her smile looks lopsided, she says it's nothing': the patient's own
    word, unlike a doctor's, does not rule out what the writer sees."""
    return (
        message.norms[i] in lx.DENIAL_VERBS
        and i > 0
        and message.norms[i - 1] in lx.THIRD_PERSONS
    )


def _denied(message, i: int) -> bool:
    """'he keeps saying he's fine': the patient's own denial is not an
    episode that is over."""
    return any(w in lx.DENIAL_VERBS for w in message.norms[max(0, i - 2) : i])


def _opens_clause(message, i: int) -> bool:
    """Whether token i starts its clause, or follows a word that opens one."""
    if i == 0 or message.clause[i - 1] != message.clause[i]:
        return True
    before = message.doc[i - 1]
    # "our bloodhound drools": the noun after an opening determiner opens too
    if message.norms[i - 1] in lx.DETERMINERS:
        return _opens_clause(message, i - 1)
    # ... and so does one after a breed or an adjective that opens the clause
    # or follows a determiner ("my boxer dog drools", "old cat is drooling"),
    # but not a food named for an animal ("my hot dog").
    if before.is_alpha and message.norms[i - 1] not in lx.NOT_ANIMAL_MODIFIERS:
        if i == 1 or message.clause[i - 2] != message.clause[i]:
            return True
        if message.norms[i - 2] in lx.DETERMINERS:
            return _opens_clause(message, i - 2)
    return (
        before.is_punct or before.is_space or message.norms[i - 1] in lx.SUBJECT_LEADERS
    )


def _sentence_ids(message) -> List[int]:
    ids, sid = [], -1
    starts = {sent.start for sent in message.doc.sents}
    for i in range(len(message.norms)):
        if i in starts:
            sid += 1
        ids.append(max(sid, 0))
    return ids
