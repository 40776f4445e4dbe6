"""The takeover's slots: the same on the action server and the Rasa server."""

from bot.safety.takeover import takeover_slots

SIGN = {"entity": "red_flag_sign", "value": "trouble swallowing"}
OTHER = {"entity": "body_part", "value": "calf"}


def test_this_messages_signs_are_recorded_and_help_is_needed_again():
    assert takeover_slots([OTHER, SIGN], ["drooling"]) == {
        "red_flag": True,
        "red_flag_signs": ["trouble swallowing"],
        "help_arranged": False,
    }


def test_without_a_sign_now_the_earlier_ones_stay():
    assert takeover_slots([OTHER], ["drooling"])["red_flag_signs"] == ["drooling"]
    assert takeover_slots([], None)["red_flag_signs"] is None
