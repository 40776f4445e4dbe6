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
    assert "doctor" in doctor_query(intake)


def _passage(pid, text="First sentence. Second one. Third one."):
    return SimpleNamespace(
        passage_id=pid, source="Muscle tension article",
        section="Reducing leg pain", text=text, score=0.9,
    )  # fmt: skip


def test_excerpts_are_trimmed_cited_and_not_repeated():
    calls = []

    def search(query, k=3):
        calls.append((query, k))
        return SimpleNamespace(abstained=False, passages=[_passage("p1")])

    excerpts = choose_excerpts(search, Intake.from_slots(FULL))

    assert len(calls) == 2
    assert len(excerpts) == 1  # the doctor query found the same passage
    assert excerpts[0].text == "First sentence. Second one."
    assert excerpts[0].citation.startswith("Source: Muscle tension article")
    assert "[p1]" in excerpts[0].citation
    rendered = render_excerpts(excerpts)
    assert "\u201cFirst sentence. Second one.\u201d\nSource:" in rendered


def test_abstentions_give_no_excerpt():
    def search(query, k=3):
        return SimpleNamespace(abstained=True, passages=[_passage("p9")])

    assert choose_excerpts(search, Intake.from_slots(FULL)) == []
