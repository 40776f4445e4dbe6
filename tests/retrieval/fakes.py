"""A tiny corpus with hand-made vectors, so ranking and abstention are tested
without the embedding model: each text's vector is the sum of the topic axes
its words name."""

import re

import numpy as np

from bot.corpus.split import Passage as StoredPassage
from bot.retrieval.fusion import FusionWeights, Linear
from bot.retrieval.retriever import Retriever
from bot.retrieval.vocabulary import Vocabulary

AXES = ("cramp", "tension", "tic", "flat", "other")
WORDS = {
    "cramp": "cramp",
    "cramps": "cramp",
    "seize": "cramp",
    "tension": "tension",
    "tense": "tension",
    "tic": "tic",
    "twitch": "tic",
    "flat": "flat",
    "insoles": "flat",
    "site": "other",
}

PASSAGES = [
    ("How to relieve a cramp", "Warmth and stretching relieve a cramp."),
    ("Muscle tension", "Massage relaxes muscle tension in the back."),
    ("Nervous tic", "A nervous tic is a rhythmic contraction of a muscle."),
    ("Flat feet", "Orthopedic insoles reduce pain from flat feet."),
    ("Links", "Other articles of the site, nothing about muscles."),
]


def vector(text: str) -> np.ndarray:
    v = np.full(len(AXES), 0.05, dtype=np.float32)
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in WORDS:
            v[AXES.index(WORDS[word])] += 1.0
    return v / np.linalg.norm(v)


def embed(texts):
    return np.vstack([vector(t) for t in texts])


def stored():
    return [
        StoredPassage(f"doc-{i}", "Doc", "doc.md", section, f"{section}\n{text}", 0, 1)
        for i, (section, text) in enumerate(PASSAGES)
    ]


# Hand-set weights, not the learned file: these tests are about the mechanics.
WEIGHTS = FusionWeights(
    rank=Linear(np.array([4, 2, 4, 2, 1, 1, 0, 0, 0], np.float32), -6.0),
    # In the corpus when the best meaning match is high, the words known and
    # used by the quoted passages.
    abstain=Linear(
        np.array([0, 6, 6, 0, 4, -1, 0, 0, 0, 2, -3, 0, 0, -20], np.float32), -12.0
    ),
    threshold=0.5,
    trained_on=["hand-set for tests"],
)


def retriever(questions=(), curation=None, vocabulary=None, calls=None):
    """A Retriever over PASSAGES with the fake embedder."""
    passages = stored()

    def counting_embed(texts):
        if calls is not None:
            calls.append(list(texts))
        return embed(texts)

    question_vectors = embed([q for _, q in questions]) if questions else None
    return Retriever(
        passages,
        embed([p.text for p in passages]),
        counting_embed,
        curation=curation,
        questions=list(questions),
        question_vectors=question_vectors,
        vocabulary=vocabulary or Vocabulary(),
        weights=WEIGHTS,
    )
