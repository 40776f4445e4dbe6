"""Fills a tracker store with generated conversations, for the report's
benchmark and for trying the report without real patients.

    python -m tools.seed_tracker --url sqlite:///.run/seeded.db -n 10000

Rows are written straight into Rasa's `events` table (same columns, same event
JSON as Rasa 3.6 writes), in batches; every kind of turn the report reads
occurs: answered and unanswered questions with 👍/👎, takeovers followed by
"not an emergency", help arranged or silence, intakes that stop at each
question or reach the summary, fallbacks, four channels, over `--days` days.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Iterator, List

from bot.settings import ROOT

CHANNELS = ["socketio", "socketio", "rest", "telegram", "cmdline"]
INTENTS = [
    "greet",
    "goodbye",
    "thank",
    "help",
    "affirm",
    "deny",
    "stop",
    "skip",
    "chitchat",
    "describe_symptoms",
    "ask_health_question",
    "start_intake",
]
ANSWERED = [
    "how do I relieve a cramp?",
    "why do my calves hurt at night",
    "what is fibromyalgia",
    "how to stretch a tight hamstring",
    "can magnesium help with cramps",
    "what causes eyelid twitching",
]
UNANSWERED = {
    "sunburn": ["how do I treat a sunburn", "what helps with sunburn",
                "best cream for sunburnt skin"],
    "pregnancy": ["can I take ibuprofen while pregnant",
                  "is paracetamol safe in pregnancy", "painkillers when pregnant"],
    "teeth": ["my tooth hurts what do I do", "how to stop a toothache",
              "remedy for tooth pain"],
    "sleep": ["how can I sleep better", "what helps with insomnia",
              "tips to fall asleep faster"],
    "hair": ["why is my hair falling out", "how to stop hair loss",
             "is hair thinning normal"],
    "diet": ["what should I eat to lose weight", "is keto healthy",
             "how many calories a day should I eat"],
    "eyes": ["my eyes are dry and itchy", "what eye drops are best",
             "how do I treat pink eye"],
    "covid": ["is the covid vaccine safe", "when should I get a flu shot",
              "do I need a booster"],
}  # fmt: skip
PREFIXES = ["hi, ", "please tell me ", "quick question: ", "sorry to bother, ",
            "hello doctor, ", "can you tell me "]  # fmt: skip
RED_FLAGS = [("I can't breathe properly", ["can't breathe"], "respiratory"),
             ("it's hard to swallow since this morning", ["hard to swallow"], "bulbar"),
             ("my speech is slurred and my face droops", ["speech is slurred",
              "face droops"], "bulbar")]  # fmt: skip
NOT_EMERGENCY = ["that's not an emergency, I was just asking", "I'm fine, false alarm"]
FORM_SLOTS = ["symptom_kind", "locations", "onset", "course", "severity", "pattern"]


def passage_ids() -> List[str]:
    """Real passage ids when the index is built, else stand-ins."""
    path = ROOT / "corpus" / "build" / "passages.jsonl"
    if path.exists():
        with open(path) as lines:
            return [json.loads(line)["passage_id"] for line in lines if line.strip()]
    return [f"passage-{i:03d}" for i in range(90)]


class Conversation:
    """Writes one generated conversation as Rasa event rows."""

    def __init__(self, rng: random.Random, sender: str, start: float, ids) -> None:
        self.rng, self.sender, self.clock, self.ids = rng, sender, start, ids
        self.channel = rng.choice(CHANNELS)
        self.rows: List[dict] = []
        self.last_bot = ""

    def _row(self, event: dict, intent=None, action=None) -> None:
        self.clock += self.rng.uniform(0.05, 0.4)
        event["timestamp"] = self.clock
        self.rows.append(dict(sender_id=self.sender, type_name=event["event"],
                              timestamp=self.clock, intent_name=intent,
                              action_name=action, data=json.dumps(event)))  # fmt: skip

    def action(self, name: str) -> None:
        self._row({"event": "action", "name": name, "policy": "RulePolicy",
                   "confidence": 1.0, "action_text": None,
                   "hide_rule_turn": False}, action=name)  # fmt: skip

    def session(self) -> None:
        self.action("action_session_start")
        self._row({"event": "session_started"})
        self.action("action_listen")

    def user(self, text: str, intent: str, entities=()) -> None:
        self.clock += self.rng.uniform(3, 40)
        ranking = [{"name": intent, "confidence": 0.93}] + [
            {"name": other, "confidence": 0.01} for other in INTENTS[:9]
        ]
        parse = {"intent": {"name": intent, "confidence": 0.93},
                 "entities": list(entities), "text": text, "message_id": None,
                 "metadata": {}, "intent_ranking": ranking}  # fmt: skip
        self._row({"event": "user", "text": text, "parse_data": parse,
                   "input_channel": self.channel, "message_id": "m" + str(self.clock),
                   "metadata": {}}, intent=intent)  # fmt: skip

    def bot(self, utter: str, text: str = "...", buttons=None) -> None:
        data = {"elements": None, "quick_replies": None, "buttons": buttons,
                "attachment": None, "image": None, "custom": None}  # fmt: skip
        metadata = {"utter_action": utter}
        self._row({"event": "bot", "text": text, "data": data, "metadata": metadata})
        self.last_bot = utter

    def slot(self, name: str, value) -> None:
        self._row({"event": "slot", "name": name, "value": value}, action=name)

    def loop(self, name) -> None:
        self._row({"event": "active_loop", "name": name}, action=name)

    def listen(self) -> None:
        self.action("action_listen")


def question(c: Conversation) -> None:
    rng = c.rng
    if rng.random() < 0.6:
        c.user(rng.choice(ANSWERED), "ask_health_question")
        c.action("action_answer_question")
        cited = rng.sample(c.ids, rng.randint(1, 3))
        lines = [f'{i}. "..."\nSource: doc, section "s", passage {p}' for i, p in
                 enumerate(cited, 1)]  # fmt: skip
        c.bot(
            "utter_cited_answer",
            "Here is what my sources say:\n\n" + "\n\n".join(lines),
        )
        c.bot("utter_ask_feedback", "Did this help?")
        c.listen()
        roll = rng.random()
        if roll < 0.35:
            c.user("/answer_helped", "answer_helped")
            c.action("utter_feedback_thanks")
            c.bot("utter_feedback_thanks", "Thank you")
            c.listen()
        elif roll < 0.55:
            c.user("/answer_not_helped", "answer_not_helped")
            c.action("utter_feedback_thanks")
            c.bot("utter_feedback_thanks", "Thank you")
            c.listen()
    else:
        c.user(unanswered_question(rng), "ask_health_question")
        c.action("action_answer_question")
        c.bot("utter_no_answer", "I'm sorry, my sources don't cover that")
        c.listen()


def unanswered_question(rng: random.Random) -> str:
    """A question the sources do not cover, worded as people vary it: a long
    tail of distinct texts, as a real week has."""
    text = rng.choice(UNANSWERED[rng.choice(sorted(UNANSWERED))])
    if rng.random() < 0.5:
        text = rng.choice(PREFIXES) + text
    if rng.random() < 0.3:
        text += f", it's been {rng.randint(2, 30)} days"
    return text + rng.choice(["?", "", " please", "??"])


def takeover(c: Conversation) -> None:
    text, signs, category = c.rng.choice(RED_FLAGS)
    entities = [{"entity": "red_flag_sign", "value": s, "start": 0, "end": len(s),
                 "extractor": "RedFlagDetector"} for s in signs]  # fmt: skip
    c.user(text, "red_flag", entities)
    c.slot("red_flag", True)
    c.slot("red_flag_signs", signs)
    c.action("utter_emergency")
    c.bot("utter_emergency", "What you describe can be a sign of an emergency.")
    c.action("action_red_flag_takeover")
    c.slot("help_arranged", False)
    c.listen()
    roll = c.rng.random()
    if roll < 0.3:
        c.user(c.rng.choice(NOT_EMERGENCY), "deny")
        c.bot("utter_default", "Sorry")
        c.listen()
    elif roll < 0.7:
        c.user("the ambulance is coming", "help_arranged")
        c.bot("utter_help_arranged", "Thank you for telling me.")
        c.listen()


def intake(c: Conversation) -> None:
    rng = c.rng
    c.user("my calf has been cramping for two months", "describe_symptoms")
    c.action("action_answer_question")
    c.bot("utter_cited_answer", f'Source: doc, section "s", passage {c.ids[0]}')
    c.action("utter_offer_intake")
    c.bot("utter_offer_intake", "Would you like me to note your symptoms for a doctor?")
    c.listen()
    if rng.random() < 0.3:
        c.user("no thanks", "deny")
        c.listen()
        return
    c.user("yes", "affirm")
    c.bot("utter_intake_start", "I'll ask a few short questions")
    c.action("symptom_form")
    c.loop("symptom_form")
    stop = rng.choice(FORM_SLOTS + [None, None, None])
    for slot in FORM_SLOTS:
        c.slot("requested_slot", slot)
        c.bot(f"utter_ask_{slot}", "?")
        c.listen()
        if slot == stop:
            if rng.random() < 0.5:
                c.user("stop", "stop")
                c.loop(None)
                c.bot("utter_intake_stopped", "OK")
            return
        c.user("something", "describe_symptoms")
        c.action("symptom_form")
        c.slot(slot, "value")
    c.loop(None)
    c.slot("requested_slot", None)
    c.bot("utter_ask_breathing_screen", "Any difficulty breathing?")
    c.listen()
    if rng.random() < 0.9:
        c.user("no", "deny")
        c.action("action_intake_summary")
        c.bot("utter_intake_summary", "Here is a summary")
        c.listen()


def other(c: Conversation) -> None:
    if c.rng.random() < 0.5:
        c.user("asdf qwerty", "nlu_fallback")
        c.bot("utter_default", "Sorry, I didn't quite understand.")
    else:
        c.user("hello", "greet")
        c.bot("utter_greet", "Hi")
    c.listen()


TURNS = [(question, 0.5), (takeover, 0.08), (intake, 0.17), (other, 0.25)]


def conversations(n: int, days: float, seed: int, now: float) -> Iterator[list]:
    """The rows of `n` generated conversations, one list per conversation."""
    rng = random.Random(seed)
    ids = passage_ids()
    kinds, weights = zip(*TURNS, strict=True)
    for i in range(n):
        start = now - rng.uniform(0, days * 86400)
        conversation = Conversation(rng, f"seed-{seed}-{i:06d}", start, ids)
        conversation.session()
        conversation.user("hi", "greet")
        conversation.bot("utter_greet", "Hi")
        conversation.listen()
        for _ in range(rng.randint(1, 4)):
            rng.choices(kinds, weights)[0](conversation)
        yield conversation.rows


def seed(
    url: str, n: int, days: float = 7, seed_value: int = 0, batch: int = 5000
) -> int:
    """Append `n` conversations to the store at `url`; returns the rows written."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    table = sa.Table(
        "events", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("type_name", sa.String(255), nullable=False),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )  # fmt: skip
    metadata.create_all(engine)
    written, pending = 0, []
    with engine.begin() as connection:
        for rows in conversations(n, days, seed_value, time.time()):
            pending.extend(rows)
            if len(pending) >= batch:
                connection.execute(table.insert(), pending)
                written, pending = written + len(pending), []
        if pending:
            connection.execute(table.insert(), pending)
            written += len(pending)
    engine.dispose()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.seed_tracker")
    parser.add_argument(
        "--url", default=f"sqlite:///{Path('.run/seeded.db').resolve()}"
    )
    parser.add_argument("-n", type=int, default=10000, help="conversations")
    parser.add_argument("--days", type=float, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = seed(args.url, args.n, args.days, args.seed)
    took = time.perf_counter() - started
    print(f"{args.n} conversations, {rows} events in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
