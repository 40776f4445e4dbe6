"""What was said before the intake started fills the form, so nothing is asked twice."""

from bot.intake.prefill import prefill


def _ents(text, *pairs):
    return [
        {"entity": e, "value": v, "start": text.index(v), "end": text.index(v) + len(v)}
        for e, v in pairs
    ]


def test_earlier_descriptions_fill_the_slots_they_name():
    first = "my left calf has been cramping for two months"
    second = "and my neck is stiff"
    messages = [
        (first, "describe_symptoms", _ents(first, ("side", "left"),
         ("body_part", "calf"), ("symptom_kind", "cramping"),
         ("duration", "two months"))),
        (second, "describe_symptoms", _ents(second, ("body_part", "neck"),
         ("symptom_kind", "stiff"))),
    ]  # fmt: skip

    slots = prefill(messages)

    assert slots["locations"] == ["left calf", "neck"]
    assert slots["symptom_kind"] == ["cramp", "stiffness"]
    assert slots["onset"] == "for 2 months"
    assert "course" not in slots


def test_small_talk_and_button_payloads_fill_nothing():
    text = "haha my calf"
    messages = [
        (text, "chitchat", _ents(text, ("body_part", "calf"))),
        ('/describe_symptoms{"course":"worse"}', "describe_symptoms",
         [{"entity": "course", "value": "worse"}]),
    ]  # fmt: skip

    assert prefill(messages) == {}


def test_a_question_that_names_symptoms_counts_too():
    text = "my hamstrings feel tight, should i stretch?"
    messages = [
        (text, "ask_health_question", _ents(text, ("body_part", "hamstrings"),
         ("symptom_kind", "tight"))),
    ]  # fmt: skip

    slots = prefill(messages)

    assert slots["locations"] and slots["symptom_kind"]


def test_a_general_question_is_not_taken_for_the_persons_symptoms():
    text = "how do you relieve a calf cramp?"
    messages = [
        (text, "ask_health_question", _ents(text, ("body_part", "calf"),
         ("symptom_kind", "cramp"))),
    ]  # fmt: skip

    assert prefill(messages) == {}
