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
from typing import List, Pattern, Tuple

from bot.corpus.split import BULLET_RE, looks_like_heading, sentences
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
# An excerpt is at most this long (a few sentences, more when they are short
# steps of an exercise); longer passages are trimmed.
MAX_EXCERPT_CHARS = 420
MAX_EXCERPT_SENTENCES = 5
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
        re.compile(r"\b(doctor|specialist|who should i see|who do i see)\b", re.I),
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
# A sentence of the kind asked for counts like a rare query word.
CUE_WEIGHT = 1.5
# Passages about children answer an adult's question last (and vice versa is
# never needed: a question about a child names the child).
CHILD_RE = re.compile(
    r"\b(child|children|kid|kids|son|daughter|baby|toddler|adolescents?|teen\w*|"
    r"boy|girl|year[- ]old)\b",
    re.I,
)
OTHER_AUDIENCE_FACTOR = 0.75
# Among windows that say about as much, the one nearer the start of the passage
# (a list's first item, an exercise's first step) reads better; a sentence that
# adds nothing costs a little more than starting one sentence later.
POSITION_PENALTY = 0.1
MAX_POSITION_PENALTY = 1.0
LENGTH_PENALTY = 0.11


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


def answer_question(query: str, k: int = 3, retriever=None) -> Answer:
    """Search and compose the reply; `retriever` defaults to Retriever.load()."""
    if retriever is None:
        from bot.retrieval import Retriever

        retriever = Retriever.load()
    if not query or not query.strip():
        return Answer(query, True, NO_ANSWER_TEXT)
    # Two spare results, so a passage for another audience can give way.
    result = retriever.search(query, k=k + 2)
    if result.abstained or not result.passages:
        return Answer(query, True, NO_ANSWER_TEXT)
    passages = for_audience(query, result.passages)[:k]
    excerpts = select_excerpts(query, passages, retriever)
    return Answer(query, False, render(excerpts), excerpts)


def compose_answer(query: str, k: int = 3, retriever=None) -> str:
    """The reply text to `query`: 1-`k` quoted excerpts, each with its "Source:"
    line (and cautions), then the not-a-diagnosis reminder; or, when the sources
    do not cover the question, NO_ANSWER_TEXT. Loads the retriever on first use."""
    return answer_question(query, k=k, retriever=retriever).text


def render(excerpts: List[Excerpt]) -> str:
    """The whole reply for some excerpts."""
    parts = [INTRO] + [e.render(i) for i, e in enumerate(excerpts, 1)] + [DISCLAIMER]
    return "\n\n".join(parts)


def for_audience(query: str, passages: List) -> List:
    """`passages` reordered so that, for a question not about a child, passages
    about children come after those scoring near them."""
    if CHILD_RE.search(query):
        return list(passages)

    def weight(passage) -> float:
        about_child = CHILD_RE.search(passage.section) or (
            len(CHILD_RE.findall(passage.text)) >= 2
        )
        return passage.score * (OTHER_AUDIENCE_FACTOR if about_child else 1.0)

    return sorted(passages, key=weight, reverse=True)


def answer_cue(query: str) -> Pattern | None:
    """The pattern of a sentence that gives the kind of answer `query` asks for."""
    for asks, gives in ANSWER_CUES:
        if asks.search(query):
            return gives
    return None


def select_excerpts(query: str, passages: List, retriever) -> List[Excerpt]:
    """The passages worth quoting, each trimmed to what answers `query`."""
    terms = set(content_terms(expand_lay_terms(query)))
    cue = answer_cue(query)
    excerpts = []
    # Every passage the retriever ranks in the top k is quoted: its scores are
    # calibrated probabilities, and a cut relative to the best one dropped
    # second and third passages that held the answer the first one lacked.
    for passage in passages:
        quote = trim(passage, terms, retriever, cue)
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


def trim(passage, terms: set, retriever=None, cue: Pattern | None = None) -> str:
    """The run of up to three sentences of `passage` that covers most of the
    query's terms (weighted by rarity) and gives the kind of answer asked for
    (`cue`, see answer_cue), avoiding sentences a curation caution is about
    when another run says as much; "..." marks where text was cut."""
    units = _units(passage)
    if not units:
        return passage.text
    # A sentence that asks a question (a heading such as "Which doctor should I
    # contact?") repeats the query; it does not answer it.
    found = [
        set() if text.rstrip().endswith("?") else set(content_terms(text)) & terms
        for text, _ in units
    ]
    cues = [
        bool(cue and not text.rstrip().endswith("?") and cue.search(text))
        for text, _ in units
    ]
    flagged = [_flagged(retriever, passage, text) for text, _ in units]
    start, end = _best_window(units, found, flagged, retriever, cues)
    chosen = units[start:end]
    quote = _join(chosen)
    # A list item reads better after the sentence that introduces it.
    if chosen[0][1] and passage.lead_in:
        quote = f"{passage.lead_in}\n{quote}"
    elif start > 0:
        quote = "... " + quote
    if end < len(units):
        quote = quote + " ..."
    return quote


def _units(passage) -> List[Tuple[str, bool]]:
    """(sentence, is a list item) for the passage body, its heading left out:
    the citation names the section already."""
    lines = passage.text.splitlines()
    if lines and lines[0].strip() == passage.section.strip():
        lines = lines[1:]
    # Stacked headings ("Muscle tension syndrome" above the section) too.
    while lines and len(lines) > 1 and looks_like_heading(lines[0]):
        lines = lines[1:]
    units: List[Tuple[str, bool]] = []
    for line in lines:
        bullet = bool(BULLET_RE.match(line))
        body = BULLET_RE.sub("", line).strip()
        for i, sentence in enumerate(sentences(body)):
            units.append((sentence, bullet and i == 0))
    return units


def _flagged(retriever, passage, sentence: str) -> bool:
    curation = getattr(retriever, "curation", None)
    stored = _stored(retriever, passage.passage_id) if curation else None
    return bool(stored and curation.cautions_for_excerpt(stored, sentence))


def _best_window(units, found, flagged, retriever, cues=None) -> Tuple[int, int]:
    """[start, end) of the best window: most distinct query terms (by idf) plus
    CUE_WEIGHT per sentence of the kind asked for, halved if it quotes a flagged
    sentence; then fewer sentences; then earlier."""
    cues = cues or [False] * len(units)

    def idf(term: str) -> float:
        return retriever.lexical.term_idf(term) if retriever is not None else 1.0

    best_key: Tuple[float, int, int] = (-1.0, 0, 0)
    best = (0, 1)
    for start in range(len(units)):
        chars = 0
        for end in range(start + 1, min(len(units), start + MAX_EXCERPT_SENTENCES) + 1):
            chars += len(units[end - 1][0])
            if chars > MAX_EXCERPT_CHARS and end > start + 1:
                break
            score = sum(idf(t) for t in set().union(*found[start:end]))
            score += CUE_WEIGHT * sum(cues[start:end])
            if score > 0:
                score -= min(MAX_POSITION_PENALTY, POSITION_PENALTY * start)
                score -= LENGTH_PENALTY * (end - start - 1)
            if any(flagged[start:end]):
                score /= 2
            key = (round(score, 6), -(end - start), -start)
            if key > best_key:
                best_key, best = key, (start, end)
    if best_key[0] > 0:
        return best
    # Nothing matched word for word (a paraphrase): quote the passage's opening.
    end, chars = 0, 0
    while end < min(2, len(units)) and (end == 0 or chars <= MAX_EXCERPT_CHARS):
        chars += len(units[end][0])
        end += 1
    return 0, end


def _join(units: List[Tuple[str, bool]]) -> str:
    out = ""
    for text, bullet in units:
        if not out:
            out = f"• {text}" if bullet else text
        elif bullet:
            out += f"\n• {text}"
        else:
            out += f" {text}"
    return out


def _cautions(retriever, passage, quote: str) -> List[str]:
    curation = getattr(retriever, "curation", None)
    if curation is None:
        return list(getattr(passage, "cautions", []))
    stored = _stored(retriever, passage.passage_id)
    return curation.cautions_for_excerpt(stored or passage, quote)


def _stored(retriever, passage_id: str):
    return getattr(retriever, "by_id", {}).get(passage_id)
