"""One user turn of the form becomes slot values (or nothing, or a re-ask)."""

from bot.intake.answers import INVALID, Turn, read_turn


def ents(*triples):
    return [{"entity": e, "value": v, "start": s, "end": s + len(v)}
            for e, v, s in triples]  # fmt: skip


def test_first_message_prefills_kind_location_and_onset():
    text = "my calf has been cramping for two months"
    turn = Turn(text, "describe_symptoms", ents(
        ("body_part", "calf", 3), ("symptom_kind", "cramp", 17),
        ("duration", "two months", 30)))  # fmt: skip
    fills = read_turn(turn)
    assert fills["symptom_kind"] == ["cramp"]
    assert fills["locations"] == ["calf"]
    assert fills["onset"] == "for 2 months"
    assert fills["onset_days"] == 60


def test_questions_stop_and_red_flags_fill_nothing():
    for intent in ("ask_health_question", "red_flag", "stop", "chitchat", "help"):
        turn = Turn("why does my calf hurt", intent, ents(("body_part", "calf", 11)),
                    requested_slot="severity")  # fmt: skip
        assert read_turn(turn) == {}


def test_free_text_is_read_only_for_the_open_question():
    turn = Turn("about 7, worse at night", "describe_symptoms",
                requested_slot="severity")  # fmt: skip
    assert read_turn(turn) == {"severity": 7}


def test_nonsense_for_the_open_question_is_marked_for_a_re_ask():
    turn = Turn("asdfgh", "nlu_fallback", requested_slot="severity")
    assert read_turn(turn) == {"severity": INVALID}
    turn = Turn("15", "describe_symptoms", requested_slot="severity")
    assert read_turn(turn) == {"severity": INVALID}


def test_an_answer_to_another_question_is_not_a_re_ask():
    turn = Turn("it's in my neck too", "describe_symptoms",
                ents(("body_part", "neck", 13)), requested_slot="severity",
                slots={"locations": ["left calf"]})  # fmt: skip
    assert read_turn(turn) == {"locations": ["left calf", "neck"]}


def test_skip_records_not_known_for_the_open_question():
    assert read_turn(Turn("dunno", "skip", requested_slot="onset")) == {
        "onset": "not known"
    }
    assert read_turn(Turn("skip", "skip", requested_slot="locations")) == {
        "locations": ["not known"]
    }


def test_correction_replaces_the_earlier_location():
    turn = Turn("no, it's the left leg", "correct",
                ents(("side", "left", 13), ("body_part", "leg", 18)),
                requested_slot="onset", slots={"locations": ["right leg"]})  # fmt: skip
    assert read_turn(turn) == {"locations": ["left leg"]}


def test_course_button_and_spreading_with_places():
    payload = '/describe_symptoms{"course":"worse"}'
    course = [{"entity": "course", "value": "worse"}]
    button = Turn(payload, "describe_symptoms", course, requested_slot="course")
    assert read_turn(button) == {"course": "worse"}
    said = "getting worse and spreading to my arms"
    turn = Turn(said, "describe_symptoms", ents(("body_part", "arms", 34)),
                requested_slot="course", slots={"locations": ["leg"]})  # fmt: skip
    fills = read_turn(turn)
    assert fills["course"] == "worse, spreading"
    assert fills["spread_to"] == ["arm"]
    assert fills["locations"] == ["leg", "arm"]


def test_no_to_the_pattern_question_means_no_clear_pattern():
    turn = Turn("no", "deny", requested_slot="pattern")
    assert read_turn(turn) == {"pattern": ["no clear pattern"]}


def test_a_correction_ignores_the_value_it_rejects():
    text = "actually it's cramps, not pain"
    turn = Turn(text, "correct",
                ents(("symptom_kind", "cramp", 14), ("symptom_kind", "pain", 26)),
                requested_slot="onset", slots={"symptom_kind": ["pain"]})  # fmt: skip
    assert read_turn(turn) == {"symptom_kind": ["cramp"]}
    text = "no, my feet, not my hands"
    turn = Turn(text, "correct",
                ents(("body_part", "feet", 7), ("body_part", "hands", 20)),
                requested_slot="onset", slots={"locations": ["hand"]})  # fmt: skip
    assert read_turn(turn) == {"locations": ["foot"]}


def test_a_stray_duration_tag_does_not_hide_the_real_one():
    text = "my legs feel weak since 4 days ago"
    tags = ents(("duration", "since", 20), ("duration", "4 days ago", 26))
    turn = Turn(text, "describe_symptoms", tags)
    fills = read_turn(turn)
    assert fills["onset"] == "4 days ago"
    assert fills["onset_days"] == 4
