"""Small Rasa-shaped event streams for the report's unit tests."""

from __future__ import annotations

from typing import List

from bot.report.store import Event


class Script:
    """Builds one sender's events in order, as Rasa 3.6 stores them."""

    def __init__(self, start: float = 1_795_000_000.0, channel: str = "socketio"):
        self.clock = start
        self.channel = channel
        self.events: List[Event] = []

    def _add(self, kind, intent=None, name=None, data=None) -> Script:
        self.clock += 1.0
        self.events.append(Event(kind, self.clock, intent, name, data or {}))
        return self

    def session(self) -> Script:
        self._add("action", name="action_session_start")
        self._add("session_started")
        return self._add("action", name="action_listen")

    def user(self, text: str, intent: str, signs=()) -> Script:
        entities = [{"entity": "red_flag_sign", "value": s} for s in signs]
        parse = {"intent": {"name": intent}, "entities": entities, "text": text}
        data = {"text": text, "parse_data": parse, "input_channel": self.channel}
        return self._add("user", intent=intent, data=data)

    def bot(self, utter: str, text: str = "...", custom=None) -> Script:
        data = {"text": text, "data": {"custom": custom}, "metadata": {}}
        data["metadata"]["utter_action"] = utter
        return self._add("bot", data=data)

    def action(self, name: str) -> Script:
        return self._add("action", name=name)

    def slot(self, name: str, value) -> Script:
        return self._add("slot", name=name, data={"value": value})

    def loop(self, name) -> Script:
        return self._add("active_loop", name=name)

    def cited_answer(self, question: str, *passages: str) -> Script:
        lines = [f'{i}. "..."\nSource: Doc, section "S", passage {p}' for i, p in
                 enumerate(passages, 1)]  # fmt: skip
        self.user(question, "ask_health_question").action("action_answer_question")
        return self.bot("utter_cited_answer", "Here is:\n\n" + "\n\n".join(lines))

    def no_answer(self, question: str) -> Script:
        self.user(question, "ask_health_question").action("action_answer_question")
        return self.bot("utter_no_answer", "my sources don't cover that")

    def takeover(self, text: str, *signs: str) -> Script:
        self.user(text, "red_flag", signs)
        self.slot("red_flag_signs", list(signs)).bot("utter_emergency")
        return self.action("action_red_flag_takeover")
