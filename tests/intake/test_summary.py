"""The summary for a doctor and the excerpts chosen for it."""

from types import SimpleNamespace

from bot.intake.summary import (
    Intake,
    choose_excerpts,
    doctor_query,
    render,
    render_excerpts,
    symptom_query,
)

FULL = {
    "symptom_kind": ["cramp", "pain"],
    "locations": ["left calf", "shin (both sides)"],
    "onset": "2 months ago",
    "course": "worse, spreading",
    "spread_to": ["thigh"],
    "severity": 7,
    "pattern": ["at night"],
    "breathing_screen": "no",
}


def test_summary_lists_every_oldcarts_fact_on_its_own_line():
    text = render(Intake.from_slots(FULL))
    assert text.splitlines() == [
        "- What: cramp, pain",
        "- Where: left calf, shin (both sides)",
        "- Since: 2 months ago",
        "- Course: worse, spreading (spreading to thigh)",
        "- Severity (0-10): 7/10",
        "- Pattern / triggers: at night",
        "- Difficulty breathing, swallowing or speaking: no",
    ]


def test_skipped_and_missing_answers_say_not_given():
    text = render(Intake.from_slots({"symptom_kind": ["not known"], "onset": None,
                                     "breathing_screen": "unknown"}))  # fmt: skip
    assert "- What: not given" in text
    assert "- Since: not given" in text
    assert "- Difficulty breathing, swallowing or speaking: not sure" in text


def test_queries_are_built_from_the_collected_symptoms():
    intake = Intake.from_slots(FULL)
    assert "cramp" in symptom_query(intake) and "calf" in symptom_query(intake)
    assert "leg" in doctor_query(intake)  # the sources' pointer for leg pain
    neck = Intake.from_slots({"symptom_kind": ["tension"], "locations": ["neck"]})
    assert "specialist" in doctor_query(neck)


class FakeExcerpt:
    def __init__(self, passage_id, section="Reducing leg pain"):
        self.passage_id = passage_id
        self.section = section

    def render(self, number):
        return f'{number}. "quote {self.passage_id}"\nSource: Article, passage x'


def test_excerpts_for_symptoms_then_doctor_are_not_repeated():
    queries = []

    def answer(query):
        queries.append(query)
        return SimpleNamespace(abstained=False, excerpts=[FakeExcerpt("p1")])

    excerpts = choose_excerpts(answer, Intake.from_slots(FULL))

    assert queries == [symptom_query(Intake.from_slots(FULL)), doctor_query(
        Intake.from_slots(FULL))]  # fmt: skip
    assert [e.passage_id for e in excerpts] == ["p1"]  # same passage twice: once
    assert render_excerpts(excerpts).startswith('1. "quote p1"\nSource:')


def test_two_different_excerpts_are_numbered():
    ids = iter(["p1", "p2"])

    def answer(query):
        return SimpleNamespace(abstained=False, excerpts=[FakeExcerpt(next(ids))])

    rendered = render_excerpts(choose_excerpts(answer, Intake.from_slots(FULL)))
    assert '1. "quote p1"' in rendered and '2. "quote p2"' in rendered


def test_abstentions_give_no_excerpt():
    def answer(query):
        return SimpleNamespace(abstained=True, excerpts=[FakeExcerpt("p9")])

    assert choose_excerpts(answer, Intake.from_slots(FULL)) == []


def test_forum_posts_are_never_quoted_as_advice():
    def answer(query):
        forum = FakeExcerpt("f1", section="Forum: a reader's question")
        return SimpleNamespace(abstained=False, excerpts=[forum, FakeExcerpt("p2")])

    excerpts = choose_excerpts(answer, Intake.from_slots(FULL))
    assert [e.passage_id for e in excerpts] == ["p2"]
