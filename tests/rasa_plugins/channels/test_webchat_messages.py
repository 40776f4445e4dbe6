"""Bot messages to the widget: the emergency one is tagged for its own style."""

from bot.rasa_plugins.channels.socketio import EMERGENCY_CSS_CLASS, widget_metadata


def test_emergency_response_gets_the_emergency_css_class():
    metadata = widget_metadata({"utter_action": "utter_emergency"})
    assert metadata["emergency"] is True
    assert metadata["customCss"] == {"style": "class", "css": EMERGENCY_CSS_CLASS}


def test_response_metadata_can_mark_an_emergency_too():
    metadata = widget_metadata({"metadata": {"emergency": True, "x": 1}})
    assert metadata["customCss"]["css"] == EMERGENCY_CSS_CLASS
    assert metadata["x"] == 1


def test_ordinary_answers_carry_no_styling():
    assert widget_metadata({"utter_action": "utter_greet"}) == {}
    assert widget_metadata({}) == {}
