"""Follow-ups are read with the conversation's topic; new subjects are not."""

import pytest

from bot.conversation.followup import Topic, is_follow_up, read

BACK = read("what exercises help a stiff back?", Topic()).topic


def test_first_question_sets_the_topic_with_its_body_parts():
    reading = read("what exercises help a stiff back?", Topic())

    assert not reading.follow_up
    assert reading.topic.question == "what exercises help a stiff back?"
    assert reading.topic.body_parts == ["back"]


@pytest.mark.parametrize("message", ["and for the neck?", "the neck too?"])
def test_a_new_body_part_is_asked_about_in_the_topic_question(message):
    reading = read(message, BACK)

    assert reading.follow_up
    assert reading.query == "what exercises help a stiff neck?"
    assert reading.topic.body_parts == ["neck"]


@pytest.mark.parametrize(
    "message",
    [
        "how many times?",
        "what if that doesn't work?",
        "is that dangerous?",
        "and how long should I keep it on?",
        "how often?",
        "what causes it?",
        # a measure or a choice asked without saying of what
        "how many reps should i do",
        "how deep does it actually reach?",
        "do i need special shoes or something",
        "should she go hard and deep or soft?",
        # up to four words of its own after a cue, fillers not counted
        "what if i cant afford a whole course with a specialist",
        "how hard should i press, my husband is very strong lol",
        "are there different kinds? for me its mostly that",
        # what was done to the topic's thing, however many words around it
        "i do it but feel almost nothing. how make it stronger?",
        "what happens if i dont treat it, im scared of hospitals",
        "anything i can add to that, like a reverse version?",
        "it keeps coming back in the exact same spot, can i prevent that somehow?",
        # the topic's symptom, said of a pronoun
        "how long till it stops hurting",
        # asking for what is not the topic's answer
        "what helps besides the exercises",
        "there's no specialist anywhere near me, what then",
        # something new, said of the topic's thing in every sentence
        "my nan says to poke it with a pin?? is that actually a thing",
        # the exercise's sides and variants are the topic's
        "do i do both sides?",
        "is there another version of it?",
        # which of the things the answer named in general
        "what exercises exactly? can i just pick some online",
        "which points exactly",
        # "ones" stands for the topic's things
        "how do you tell the deep ones from surface ones?",
        # the other side of the exercise, and a cue after telling what was done
        "done it on one side. and for the other leg?",
        "do i have to do the other direction too?",
        # phone shorthand for "are those"
        "r those over the counter or do i need a script from the gp",
        # whether a thing of the writer's would do; where exactly
        "we have a strong rain shower head, could that help?",
        "where exactly do i press",
        # the topic's thing seen to, or said to cause something
        "what happens if she doesnt get it treated, she hates doctors",
        "wouldnt that give me an infection though",
        # when to act, on what was asked
        "at what point should i actually go get checked out",
        "when should i worry",
        # how anyone comes by the topic's thing
        "how do people get it in the first place",
    ],
)
def test_a_question_pointing_back_is_searched_with_the_topic(message):
    reading = read(message, BACK)

    assert reading.follow_up
    assert reading.query.startswith("what exercises help a stiff back")
    assert message in reading.query
    # The topic stays the original question, so chains of follow-ups don't grow.
    assert reading.topic.question == BACK.question


@pytest.mark.parametrize(
    "message",
    [
        "what is fibromyalgia?",
        "does massage help cramps?",
        "why do my calves hurt at night?",
        "my hamstrings feel tight after running, should I stretch before or after?",
        # a short question that names its own body part or symptom
        "how long does a calf cramp last?",
        "should i stretch my hamstrings before running?",
        "can magnesium tablets stop cramps at night?",
        "is fibromyalgia something you inherit from parents?",
        "when should i see a doctor about a twitching eyelid?",
        # "it" is the thing the message names itself
        "i have an EMG nerve test next week, does it hurt?",
        # a symptom of its own, asked about with "that"
        "i get cramps at night, is that normal?",
        # a place and a symptom of its own, whatever it sets aside
        "my legs hurt all the time except in the morning, why?",
        # "those" before a noun names a thing of its own
        "what makes those plaques appear in the first place?",
        # what a thing is, however exactly
        "what is fibromyalgia exactly?",
        # a symptom of its own, whatever the last clause opens with
        "my calves cramp at night, and what causes that?",
    ],
)
def test_a_message_with_its_own_subject_starts_a_new_topic(message):
    reading = read(message, BACK)

    assert not reading.follow_up
    assert reading.query == message
    assert reading.topic.question == message


def test_nothing_is_a_follow_up_without_a_topic():
    assert not is_follow_up("is that dangerous?", Topic())


@pytest.mark.parametrize(
    "message",
    [
        "tried the blinking thing, didnt work. anything else?",
        "tried both already, is there anything else along those lines",
        "that one hurt. anything else i could try",
    ],
)
def test_a_message_ending_by_asking_for_more_is_read_with_the_topic(message):
    topic = read("my eyelid keeps twitching since exams started", Topic()).topic

    reading = read(message, topic)

    assert reading.follow_up
    assert reading.query.startswith("my eyelid keeps twitching since exams started.")


@pytest.mark.parametrize("message", ["??", "👍"])
def test_a_message_without_words_is_not_a_follow_up(message):
    assert not is_follow_up(message, BACK)


@pytest.mark.parametrize(
    "message",
    [
        "anything else? my gym has one of those fancy high pressure jet showers",
        "too easy lol, is there a harder version",
        "how hard though? my husband goes at it like he's kneading bread dough",
    ],
)
def test_a_sentence_asking_for_more_of_the_topic_makes_a_follow_up(message):
    assert is_follow_up(message, BACK)


@pytest.mark.parametrize(
    "message",
    [
        # after a thing of the message's own, "it" is that thing
        "i have an EMG nerve test next week, does it hurt?",
        "my doctor put me on pregabalin for nerve pain. is it safe?",
    ],
)
def test_a_question_about_the_messages_own_thing_is_not_a_follow_up(message):
    assert not is_follow_up(message, BACK)
