"""Loads the trained model (stock or patched `RasaModel.load`) and prints, as
JSON, what DIET and TED make of the texts given on stdin. Run by
tests/patches/test_model_loading.py in a fresh process per way of loading."""

from __future__ import annotations

import asyncio
import json
import sys


def main(way: str, model: str) -> None:
    if way == "patched":
        from bot.patches import model_loading

        model_loading.install()
    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage
    from rasa.core.policies.ted_policy import TEDPolicy

    ted: list = []
    original = TEDPolicy.predict_action_probabilities

    def recorded(self, *args, **kwargs):
        prediction = original(self, *args, **kwargs)
        ted.append(prediction.probabilities)
        return prediction

    TEDPolicy.predict_action_probabilities = recorded
    texts = [line for line in sys.stdin.read().splitlines() if line.strip()]
    agent = Agent.load(model)
    out: dict = {"nlu": [], "core": []}

    async def run() -> None:
        for text in texts:
            parsed = await agent.parse_message(text)
            out["nlu"].append(
                {
                    "intents": [
                        [i["name"], i["confidence"]] for i in parsed["intent_ranking"]
                    ],
                    "entities": [
                        [e["entity"], e["value"], e.get("extractor")]
                        for e in parsed["entities"]
                    ],
                }
            )
        for number, text in enumerate(texts):
            sender = f"probe-{number}"
            tracker = await agent.processor.fetch_tracker_with_initial_session(sender)
            await agent.processor._handle_message_with_tracker(
                UserMessage(text, sender_id=sender), tracker
            )
            action, prediction = agent.processor.predict_next_with_tracker_if_should(
                tracker
            )
            out["core"].append([action.name(), prediction.policy_name])

    asyncio.run(run())
    out["ted"] = ted
    print("PROBE " + json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
