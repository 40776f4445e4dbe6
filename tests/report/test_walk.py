"""One conversation's events read into the facts the report counts."""

from bot.report.walk import (
    HELP_ARRANGED,
    NO_REPLY,
    NOT_AN_EMERGENCY,
    conversations,
    passage_ids,
    sign_kind,
)
from tests.report.events import Script


def only(script: Script):
    (conversation,) = conversations("patient", script.events)
    return conversation


def test_cited_passages_are_read_from_the_answers_source_lines():
    conversation = only(Script().session().cited_answer("cramp?", "a-1", "b-2"))
    assert conversation.answered == 1
    assert conversation.cited == [["a-1", "b-2"]]


def test_passage_ids_in_custom_data_win_over_the_text():
    event = {
        "text": "Source: x, passage zzz",
        "data": {"custom": {"passage_ids": ["p"]}},
    }
    assert passage_ids(event) == ["p"]


def test_unanswered_questions_keep_the_patients_words():
    conversation = only(Script().session().no_answer("how do I treat sunburn"))
    assert conversation.unanswered == ["how do I treat sunburn"]
    assert conversation.answered == 0


def test_thumbs_are_attributed_to_the_passages_of_the_answer_before():
    script = Script().session().cited_answer("q", "a-1", "b-2")
    script.bot("utter_ask_feedback").user("/answer_not_helped", "answer_not_helped")
    script.cited_answer("q2", "c-3").bot("utter_ask_feedback")
    script.user("/answer_helped", "answer_helped")
    assert only(script).feedback == [(["a-1", "b-2"], False), (["c-3"], True)]


def test_yes_right_after_the_feedback_offer_counts_but_a_second_vote_does_not():
    script = Script().session().cited_answer("q", "a-1").bot("utter_ask_feedback")
    script.user("yes", "affirm").user("/answer_not_helped", "answer_not_helped")
    assert only(script).feedback == [(["a-1"], True)]


def test_yes_to_something_else_is_not_feedback():
    script = Script().session().cited_answer("q", "a-1").bot("utter_offer_intake")
    script.user("yes", "affirm")
    assert only(script).feedback == []


def test_takeover_followed_by_not_an_emergency_is_marked_for_review():
    script = Script().session().takeover("I can't breathe", "can't breathe")
    script.user("sorry, that's not an emergency", "chitchat")
    (takeover,) = only(script).takeovers
    assert takeover.reply == NOT_AN_EMERGENCY
    assert takeover.signs == ["can't breathe"]
    assert takeover.kinds == ["breathing"]
    assert takeover.category_or_kinds == "respiratory"


def test_takeover_with_no_reply_and_one_with_help_arranged():
    silent = only(Script().session().takeover("hard to swallow", "hard to swallow"))
    assert silent.takeovers[0].reply == NO_REPLY
    assert silent.takeovers[0].category_or_kinds == "bulbar"
    helped = Script().session().takeover("cant breathe", "cant breathe")
    helped.user("the ambulance is coming", "help_arranged")
    assert only(helped).takeovers[0].reply == HELP_ARRANGED


def test_a_recorded_category_slot_wins_over_the_signs():
    script = Script().session().takeover("x", "slurred speech")
    script.slot("red_flag_category", "bulbar")
    assert only(script).takeovers[0].category == "bulbar"


def test_sign_kinds():
    assert sign_kind("difficulty swallowing") == "swallowing"
    assert sign_kind("slurred speech") == "speaking"
    assert sign_kind("short of breath") == "breathing"
    assert sign_kind("face droops") == "face, tongue or jaw"


def intake(stop_at=None, say_stop=False, screen_reply="deny"):
    script = Script().session().user("my calf cramps", "describe_symptoms")
    script.bot("utter_offer_intake").user("yes", "affirm").bot("utter_intake_start")
    script.action("symptom_form").loop("symptom_form")
    for slot in ["symptom_kind", "locations", "onset"]:
        script.slot("requested_slot", slot)
        if slot == stop_at:
            if say_stop:
                script.user("stop", "stop").loop(None)
            return script
        script.user("answer", "describe_symptoms")
    script.loop(None).slot("requested_slot", None)
    script.bot("utter_ask_breathing_screen")
    if screen_reply:
        script.user("no", screen_reply).action("action_intake_summary")
        script.bot("utter_intake_summary")
    return script


def test_a_finished_intake_reaches_every_stage():
    conversation = only(intake())
    assert conversation.stage == 4
    assert conversation.stopped_at is None


def test_an_intake_stopped_mid_form_says_at_which_question_and_how():
    assert only(intake("locations", say_stop=True)).stopped_at == (
        "at locations",
        "said stop",
    )
    assert only(intake("onset")).stopped_at == ("at onset", "no reply")
    assert only(intake("onset")).stage == 2


def test_silence_at_the_breathing_question():
    conversation = only(intake(screen_reply=None))
    assert conversation.stage == 3
    assert conversation.stopped_at == ("at the breathing question", "no reply")


def test_a_declined_offer():
    script = Script().session().user("my calf cramps", "describe_symptoms")
    script.bot("utter_offer_intake").user("no thanks", "deny")
    conversation = only(script)
    assert conversation.stage == 1
    assert conversation.stopped_at == ("at the offer", "declined")


def test_asking_for_the_intake_counts_as_offered_and_accepted():
    script = Script().session().user("I want to describe my symptoms", "start_intake")
    script.bot("utter_intake_start").action("symptom_form").loop("symptom_form")
    assert only(script).stage == 2


def test_each_session_is_its_own_conversation_and_empty_ones_are_dropped():
    script = Script(channel="telegram").session().user("hi", "greet").bot("utter_greet")
    script.session().session().user("hello", "greet")
    found = list(conversations("patient", script.events))
    assert len(found) == 2
    assert [c.channel for c in found] == ["telegram", "telegram"]


def test_fallbacks_are_counted_per_day():
    script = Script().session().user("asdf", "nlu_fallback").user("hi", "greet")
    (counts,) = only(script).messages_by_day.values()
    assert counts == [2, 1]
