"""The offline scorer plays items through the answer action's own turn logic."""

from bot.evaluate.conversation import Item, run_item
from bot.evaluate.offline import offline_sender
from bot.retrieval.answer import Answer, Excerpt, render


def test_each_sender_keeps_its_own_topic_and_replies_cite_like_the_action():
    asked = []

    def answer(query, focus=""):
        asked.append((query, focus))
        excerpt = Excerpt("p-1", "Doc", "Cramps", "Use a warm heating pad.", 1.0)
        return Answer(query, False, render([excerpt]), [excerpt])

    send = offline_sender(answer)
    passages = {"p-1": "Use a warm heating pad for a cramp."}
    follow = run_item(
        Item(["my calf cramps at night", "and how long?"], ["heating pad"]),
        send,
        passages,
    )
    alone = run_item(Item(["and how long?"]), send, passages)

    assert follow.reply.cited and follow.gold_cited
    assert asked[1][1] == "and how long?"  # read in its topic
    assert asked[2] == ("and how long?", "")  # a new conversation has no topic
    assert alone.reply.passage_ids == ["p-1"]
