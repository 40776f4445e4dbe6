"""Turns search results into the answer users read: quoted, trimmed, cited.

    from bot.retrieval.answer import compose_answer
    text = compose_answer("how do I relieve a cramp?", k=3)

The text is plain (line breaks, no markdown) so it reads the same in `rasa
shell`, Telegram and the web widget. Each excerpt is quoted, trimmed to the
sentences that answer, and followed by a line starting with "Source:" naming the
document, the section and the passage id; caution notes from
corpus/curation.yml follow their excerpt. The answer ends with a reminder that
this is general information, not a diagnosis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Pattern, Sequence, Tuple

import numpy as np

from bot.retrieval.abstention import Support
from bot.retrieval.excerpt import (
    Unit,
    choose,
    passage_units,
    quote,
    unit_scores,
    unit_vectors_for,
    word_share,
)
from bot.retrieval.text import content_terms, expand_lay_terms

INTRO = "Here is what my sources say:"
DISCLAIMER = (
    "This is general information from my sources, not a diagnosis. "
    "If your symptoms are severe, unusual or getting worse, please see a doctor."
)
NO_ANSWER_TEXT = (
    "I'm sorry, my sources don't cover that, so I won't guess. "
    "I can answer questions about muscle tension, cramps, spasms, nervous tics "
    'and muscle pain in the legs and arms, for example "How do I relieve a '
    'cramp?" or "Why do my calves hurt at night?". I can also note down your '
    "symptoms for a doctor."
)
# An excerpt is at most this long; longer passages are trimmed to their best
# sentences. The best passage gets the most room; the whole reply (three
# excerpts, citations, reminder) stays a few phone screens.
MAX_EXCERPT_CHARS = 520
EXCERPT_BUDGETS = (520, 360, 360)
# For a follow-up, how much the follow-up's own words (against the topic
# question) decide which sentences answer it.
FOCUS_WEIGHT = 0.5
# What kind of answer a question asks for, and what a sentence that gives it
# looks like: "how do I stretch my calf?" wants the exercise's steps, not the
# passage's opening about calves swelling; "which doctor?" wants "visit a
# therapist", not the heading that asks the same question.
_IMPERATIVE = (
    r"^(?:stand|place|take|lie|stay|keep|do|pull|rise|bend|push|switch|repeat|"
    r"stretch|sit|find|imagine|try|hold|turn|lower|raise|straighten|tilt|apply|"
    r"massage|put|breathe|relax|avoid|drink|eat|wear|use|close|blink|rub|"
    r"lightly|gently|slowly|then|first|after)\b"
)
ANSWER_CUES: List[Tuple[Pattern, Pattern]] = [
    (
        re.compile(
            r"\b(doc|doctor|specialist|(who|where) (should|do|can) i (see|go))\b",
            re.I,
        ),
        re.compile(r"\b(therapist|neurologist|doctor|specialist|consult)", re.I),
    ),
    (
        re.compile(r"\b(how (many|long|often)|how much time)\b", re.I),
        re.compile(
            r"\b(\d+|once|twice|times|seconds|minutes|hours|days|weeks|three|five)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\b(why|cause[sd]?|reason|because)\b", re.I),
        re.compile(
            r"\b(caus\w*|due to|because|result\w*|reason|provok\w*|consequence)",
            re.I,
        ),
    ),
    (
        re.compile(
            r"\b(how (do|can|should|to)|what (helps|can|should)|exercis\w*|"
            r"stretch\w*|reliev\w*|relax\w*|get rid|stop|treat\w*|ease|loosen|"
            r"help\w*)\b",
            re.I,
        ),
        re.compile(
            _IMPERATIVE + r"|\b(exercis\w*|stretch\w*|massag\w*|apply|"
            r"recommend\w*|advis\w*|helps?|reliev\w*|you can|you should|need to)\b",
            re.I,
        ),
    ),
]
# A follow-up asking what to do when the topic's advice fails ("what if that
# doesn't help?") wants the passage that says what comes next ("if traditional
# methods do not help, you need..."), which the topic's own passages outrank:
# among the follow-up's first RERANK_POOL results, one that says it gains
# FAILED_BONUS (its score is a probability).
FAILED_ASK_RE = re.compile(
    r"\bif\b[\w\s']{0,30}?\b(doesn'?t|does not|don'?t|do not|won'?t|not|"
    r"none of|neither|nothing)\b[\w\s']{0,20}?\b(help|work)",
    re.I,
)
FAILED_GIVES_RE = re.compile(
    r"\b(if|when|in case)\b[^.;:]{0,80}?\b(not|no|don't|doesn't|fail\w*|"
    r"ineffective|unsuccessful)\b[^.;:]{0,25}?\b(help\w*|work\w*|effect\w*|"
    r"result\w*|reliev\w*|go away)|\bineffective\b",
    re.I,
)
RERANK_POOL = 40
FAILED_BONUS = 0.6
# Passages about children answer an adult's question last (and vice versa is
# never needed: a question about a child names the child).
CHILD_RE = re.compile(
    r"\b(child|children|kid|kids|son|daughter|baby|toddler|adolescents?|teen\w*|"
    r"boy|girl|year[- ]old)\b",
    re.I,
)
OTHER_AUDIENCE_FACTOR = 0.75


@dataclass
class Excerpt:
    """One quoted piece of a passage, with what the citation needs."""

    passage_id: str
    source: str
    section: str
    quote: str
    score: float
    cautions: List[str] = field(default_factory=list)

    def render(self, number: int) -> str:
        lines = [
            f'{number}. "{self.quote}"',
            f'Source: {self.source}, section "{self.section}", '
            f"passage {self.passage_id}",
        ]
        lines += [f"Caution: {note}" for note in self.cautions]
        return "\n".join(lines)


@dataclass
class Answer:
    """What the bot says to one question, and the excerpts it quotes."""

    query: str
    abstained: bool
    text: str
    excerpts: List[Excerpt] = field(default_factory=list)
    # For a follow-up: what the quoted passages hold of the follow-up's own
    # words (Retriever.support).
    focus_support: Support | None = None


def answer_question(query: str, k: int = 3, retriever=None, focus: str = "") -> Answer:
    """Search and compose the reply; `retriever` defaults to Retriever.load().
    `focus`: for a follow-up searched with its topic ("...calves swell. how many
    times a day?"), the follow-up itself, which says what to quote."""
    if retriever is None:
        from bot.retrieval import Retriever

        retriever = Retriever.load()
    if not query or not query.strip():
        return Answer(query, True, NO_ANSWER_TEXT)
    asks_past_failure = bool(focus and FAILED_ASK_RE.search(focus))
    # Two spare results, so a passage for another audience can give way; more
    # for a follow-up whose answer the topic's passages outrank.
    result = retriever.search(query, k=RERANK_POOL if asks_past_failure else k + 2)
    if result.abstained or not result.passages:
        return Answer(query, True, NO_ANSWER_TEXT)
    boost = _says_what_if_it_fails if asks_past_failure else None
    passages = for_audience(query, result.passages, boost)[:k]
    excerpts = select_excerpts(query, passages, retriever, focus)
    support = (
        retriever.support(focus, [e.passage_id for e in excerpts]) if focus else None
    )
    return Answer(query, False, render(excerpts), excerpts, support)


def compose_answer(query: str, k: int = 3, retriever=None) -> str:
    """The reply text to `query`: 1-`k` quoted excerpts, each with its "Source:"
    line (and cautions), then the not-a-diagnosis reminder; or, when the sources
    do not cover the question, NO_ANSWER_TEXT. Loads the retriever on first use."""
    return answer_question(query, k=k, retriever=retriever).text


def render(excerpts: List[Excerpt]) -> str:
    """The whole reply for some excerpts."""
    parts = [INTRO] + [e.render(i) for i, e in enumerate(excerpts, 1)] + [DISCLAIMER]
    return "\n\n".join(parts)


def for_audience(query: str, passages: List, boost=None) -> List:
    """`passages` reordered so that, for a question not about a child, passages
    about children come after those scoring near them; `boost(passage)` is
    added to a passage's score first."""
    child_question = bool(CHILD_RE.search(query))
    if child_question and boost is None:
        return list(passages)

    def weight(passage) -> float:
        about_child = not child_question and (
            CHILD_RE.search(passage.section) or len(CHILD_RE.findall(passage.text)) >= 2
        )
        score = passage.score + (boost(passage) if boost else 0.0)
        return score * (OTHER_AUDIENCE_FACTOR if about_child else 1.0)

    return sorted(passages, key=weight, reverse=True)


def _says_what_if_it_fails(passage) -> float:
    return FAILED_BONUS if FAILED_GIVES_RE.search(passage.text) else 0.0


def answer_cue(query: str) -> Pattern | None:
    """The pattern of a sentence that gives the kind of answer `query` asks for."""
    for asks, gives in ANSWER_CUES:
        if asks.search(query):
            return gives
    return None


def select_excerpts(
    query: str, passages: List, retriever, focus: str = ""
) -> List[Excerpt]:
    """The passages worth quoting, each trimmed to what answers `query` (and,
    for a follow-up, what answers the follow-up message `focus` most)."""
    analysed = _analyse(retriever, query)
    terms = analysed.terms if analysed else content_terms(expand_lay_terms(query))
    focus_terms = content_terms(expand_lay_terms(focus)) if focus else []
    asked = analysed.texts if analysed else [query]
    cue = answer_cue(focus or query)
    all_units = [passage_units(p.text, p.section) for p in passages]
    closeness = _closeness(retriever, asked, focus, passages, all_units)
    excerpts = []
    # Every passage the retriever ranks in the top k is quoted: its scores are
    # calibrated probabilities, and a cut relative to the best one dropped
    # second and third passages that held the answer the first one lacked.
    for rank, (passage, units) in enumerate(zip(passages, all_units, strict=True)):
        budget = EXCERPT_BUDGETS[min(rank, len(EXCERPT_BUDGETS) - 1)]
        quote = trim(
            passage,
            terms,
            retriever,
            cue,
            closeness[rank],
            budget,
            units=units,
            focus_terms=focus_terms,
        )
        cautions = _cautions(retriever, passage, quote)
        excerpts.append(
            Excerpt(
                passage.passage_id,
                passage.source,
                passage.section,
                quote,
                passage.score,
                cautions,
            )
        )
    # Among near-equal results, advice that needs no caution comes first.
    excerpts.sort(key=lambda e: bool(e.cautions))
    return excerpts


def trim(
    passage,
    terms,
    retriever=None,
    cue: Pattern | None = None,
    closeness: np.ndarray | None = None,
    budget: int = MAX_EXCERPT_CHARS,
    units: List[Unit] | None = None,
    focus_terms: Sequence[str] = (),
) -> str:
    """The sentences of `passage` that answer best (see bot.retrieval.excerpt):
    close in meaning to the question (`closeness`, one cosine per unit; none:
    words alone), using its `terms`, giving the kind of answer asked for
    (`cue`, see answer_cue), avoiding sentences a curation caution is about when
    others say as much; "..." marks where text was cut."""
    units = units if units is not None else passage_units(passage.text, passage.section)
    if not units:
        return passage.text
    idf = _idf(retriever)
    unit_terms = [set(content_terms(u.text)) for u in units]
    shares = [word_share(t, list(terms), idf) for t in unit_terms]
    if focus_terms:
        # A follow-up's own words say what it asks of the topic.
        shares = [
            (share + word_share(t, list(focus_terms), idf)) / 2
            for share, t in zip(shares, unit_terms, strict=True)
        ]
    if closeness is None:
        closeness = np.zeros(len(units))
    flagged = [_flagged(retriever, passage, u.text) for u in units]
    scores = unit_scores(units, closeness, shares, cue, flagged)
    chosen = choose(units, scores, budget)
    return quote(units, chosen, passage.lead_in)


def _analyse(retriever, query: str):
    analyse = getattr(retriever, "analyse", None)
    if analyse is None or not query.strip():
        return None
    return analyse(query)


def _idf(retriever):
    lexical = getattr(retriever, "lexical", None)
    return lexical.term_idf if lexical is not None else (lambda term: 1.0)


def _closeness(retriever, asked, focus, passages, all_units) -> List:
    """Per passage, each unit's cosine to the question: the best over the whole
    message and each question it asks, blended with the follow-up's own."""
    vectors = unit_vectors_for(retriever)
    if vectors is None:
        return [None] * len(passages)
    texts = list(asked) + ([focus] if focus else [])
    query_rows, unit_rows = vectors(
        texts, [(p.passage_id, u) for p, u in zip(passages, all_units, strict=True)]
    )
    out = []
    for rows in unit_rows:
        if not len(rows):
            out.append(np.zeros(0))
            continue
        cosines = rows @ query_rows.T  # units x texts
        best = cosines[:, : len(asked)].max(axis=1)
        if focus:
            best = FOCUS_WEIGHT * cosines[:, -1] + (1 - FOCUS_WEIGHT) * best
        out.append(best)
    return out


def _flagged(retriever, passage, sentence: str) -> bool:
    curation = getattr(retriever, "curation", None)
    stored = _stored(retriever, passage.passage_id) if curation else None
    return bool(stored and curation.cautions_for_excerpt(stored, sentence))


def _cautions(retriever, passage, quote: str) -> List[str]:
    curation = getattr(retriever, "curation", None)
    if curation is None:
        return list(getattr(passage, "cautions", []))
    stored = _stored(retriever, passage.passage_id)
    return curation.cautions_for_excerpt(stored or passage, quote)


def _stored(retriever, passage_id: str):
    return getattr(retriever, "by_id", {}).get(passage_id)
