"""Small talk that is really a follow-up question becomes a health question."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.components.question_over_small_talk import (
    QuestionOverSmallTalk,
    is_follow_up_question,
)


@pytest.mark.parametrize(
    "text",
    [
        "how long until it goes away",
        "and how many times a day?",
        "is that dangerous?",
        "ok so can i do it every day",
        "what if that doesn't work",
        "what about at night?",
        "anything else?",
        "should i worry",
        "when does that usually kick in, right away?",
        "where does it happen?",
        "how do you make it?",
        "my neighbour says chili in alcohol works for spasms lol. how is it made",
    ],
)
def test_follow_up_questions_are_recognised(text):
    assert is_follow_up_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "how are you",
        "how's it going?",
        "how is it going today",
        "what's up",
        "do you have a name",
        "how old are you",
        "how do you do",
        "long day at work. how are you?",
        "lol",
        "i had a long day",
    ],
)
def test_small_talk_stays_small_talk(text):
    assert not is_follow_up_question(text)


def _message(text, intent, confidence=0.8):
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(
        INTENT_RANKING_KEY,
        [
            {"name": intent, "confidence": confidence},
            {"name": "ask_health_question", "confidence": 0.1},
            {"name": "greet", "confidence": 0.05},
        ],
    )
    return message


def test_only_small_talk_is_relabelled():
    component = QuestionOverSmallTalk()
    follow_up = _message("how long until it goes away", "chitchat")
    greeting = _message("how are you doing", "chitchat")
    thanks = _message("is that dangerous?", "thank")
    component.process([follow_up, greeting, thanks])

    assert follow_up.get(INTENT) == {"name": "ask_health_question", "confidence": 0.8}
    names = [r["name"] for r in follow_up.get(INTENT_RANKING_KEY)]
    assert names == ["ask_health_question", "greet"]
    assert greeting.get(INTENT)["name"] == "chitchat"
    assert thanks.get(INTENT)["name"] == "thank"


def test_a_yes_or_no_that_asks_is_a_question():
    component = QuestionOverSmallTalk()
    asking = _message("do i need a prescription for those?", "affirm")
    when = _message("when does that usually kick in, right away?", "affirm")
    plain_yes = _message("yes please", "affirm")
    no_question_mark = _message("can i do it later", "deny")
    component.process([asking, when, plain_yes, no_question_mark])

    assert asking.get(INTENT)["name"] == "ask_health_question"
    assert when.get(INTENT)["name"] == "ask_health_question"
    assert [r["name"] for r in asking.get(INTENT_RANKING_KEY)] == [
        "ask_health_question",
        "greet",
    ]
    assert plain_yes.get(INTENT)["name"] == "affirm"
    assert no_question_mark.get(INTENT)["name"] == "deny"


@pytest.mark.parametrize(
    "text, classified, expected",
    [
        # a question read as a request to note symptoms
        ("do i need a prescription for those?", "start_intake", "ask_health_question"),
        ("can i tell you my symptoms?", "start_intake", "start_intake"),
        ("do i need to describe it", "start_intake", "start_intake"),
        # a description that then asks, naming no noting; typed without "?"
        (
            "lower back stiff after 8h sitting, what can i do lying down on the floor?",
            "start_intake",
            "ask_health_question",
        ),
        (
            "back stiff for weeks, what do you need to note down?",
            "start_intake",
            "start_intake",
        ),
        ("back stiff for weeks, what now", "start_intake", "start_intake"),
        ("do i need a prescription for them", "start_intake", "ask_health_question"),
        # a rating that asks a question of its own
        (
            "didnt feel sore at all after my first workouts, did i do it wrong?",
            "answer_not_helped",
            "ask_health_question",
        ),
        ("that didn't help, anything else?", "answer_not_helped", "answer_not_helped"),
        ("not useful?", "answer_not_helped", "answer_not_helped"),
        ("great, that worked, thanks!", "answer_helped", "answer_helped"),
        ("that didnt work either", "answer_not_helped", "answer_not_helped"),
        # a follow-up opening with no word of rating asks, even without "?"
        ("does it have side effects", "answer_not_helped", "ask_health_question"),
        ("does it help at all", "answer_not_helped", "answer_not_helped"),
        # a question about a thing, not a request, even without "?"
        ("does the same apply to the arms", "start_intake", "ask_health_question"),
        ("can we do that now", "start_intake", "start_intake"),
        # a second question joined by "or"
        (
            "hamstrings tight since i started running, is foam rolling ok or will "
            "it make it worse",
            "describe_symptoms",
            "ask_health_question",
        ),
        (
            "sitting or standing makes it worse",
            "describe_symptoms",
            "describe_symptoms",
        ),
        # a sign of something asked without "?"
        (
            "are cramps in the hand a sign of something bad, mine lock up when i write",
            "describe_symptoms",
            "ask_health_question",
        ),
        (
            "i did my first workout and im not sore at all. does that mean it "
            "didnt work",
            "answer_not_helped",
            "ask_health_question",
        ),
        ("that didn't help. is that normal?", "answer_not_helped", "answer_not_helped"),
        (
            "no soreness after my first gym session, does that mean i didnt work hard?",
            "answer_not_helped",
            "ask_health_question",
        ),
        # a description that asks too; one that only tells keeps the offer
        (
            "jaw aches every morning, is it from grinding my teeth?",
            "describe_symptoms",
            "ask_health_question",
        ),
        (
            "calves sore since the hike, should i rest or walk it off",
            "describe_symptoms",
            "ask_health_question",
        ),
        (
            "left calf keeps cramping at night, any tips",
            "describe_symptoms",
            "ask_health_question",
        ),
        ("when i run my calves ache", "describe_symptoms", "describe_symptoms"),
        (
            "can barely turn my neck since monday",
            "describe_symptoms",
            "describe_symptoms",
        ),
        (
            "back tight and achy, worse in the mornings",
            "describe_symptoms",
            "describe_symptoms",
        ),
    ],
)
def test_questions_read_as_a_request_or_a_rating_are_questions(
    text, classified, expected
):
    message = _message(text, classified)
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("can we go through my symptoms and make a report for my gp", "start_intake"),
        ("i'd like to log my cramps so my doc can see them", "start_intake"),
        ("can you record this for my physio", "start_intake"),
        # questions about noting stay questions
        (
            "should i write down my symptoms before seeing the doctor?",
            "ask_health_question",
        ),
        ("how do i keep track of my cramps", "ask_health_question"),
        ("what should i tell my doctor about my symptoms", "ask_health_question"),
        ("my calves cramp at night, can i do anything", "ask_health_question"),
    ],
)
def test_a_request_to_note_read_as_a_question_is_a_request(text, expected):
    message = _message(text, "ask_health_question")
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, classified, expected",
    [
        # a question taken for a greeting, or for a no to "did this help?"
        ("what do they measure on him?", "greet", "ask_health_question"),
        ("hi there, what helps cramps?", "greet", "ask_health_question"),
        ("is there another version of it?", "deny", "ask_health_question"),
        # greetings stay greetings
        ("hi how are you?", "greet", "greet"),
        ("hello", "greet", "greet"),
        ("what's up?", "greet", "greet"),
    ],
)
def test_a_question_taken_for_a_greeting_or_a_no_is_a_question(
    text, classified, expected
):
    message = _message(text, classified)
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        # a question that names a symptom or a body part is in the field
        (
            "will i be this sore every single time i train??",
            ["symptom_kind"],
            "ask_health_question",
        ),
        ("and my shoulders, will they loosen up", ["body_part"], "ask_health_question"),
        # out of scope, however it asks, when nothing in it is about the body
        ("will it rain tomorrow?", [], "out_of_scope"),
        ("how much does a bitcoin cost", [], "out_of_scope"),
        # a follow-up that points back at the answer or at the writer
        ("how soon will i notice a difference", [], "ask_health_question"),
        ("wait what does that mean, in simpler words pls", [], "ask_health_question"),
        ("can you book me a flight to paris?", [], "out_of_scope"),
        # names the body but asks nothing
        ("my back hurts lol whatever, tell me a joke", ["body_part"], "out_of_scope"),
    ],
)
def test_a_health_question_read_as_out_of_scope_is_a_question(text, entities, expected):
    message = _message(text, "out_of_scope")
    message.set("entities", [{"entity": e, "value": "x"} for e in entities])
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # phone shorthand for "are those"
        (
            "r those over the counter or do i need a script from the gp",
            "ask_health_question",
        ),
        # a wh-opening, without "?"
        ("whats good for a knot under my shoulder blade", "ask_health_question"),
        # requests to note stay requests
        # asks which symptoms a thing gives, or asks after setting it up
        ("what symptoms would i notice if i had it?", "ask_health_question"),
        ("and once i calm down, does the tightness just go?", "ask_health_question"),
        # asks for a thing by name
        (
            "natural stuff to calm down so my muscles relax? dont want pills",
            "ask_health_question",
        ),
        ("i want a summary for my doctor", "start_intake"),
        ("something to give my doctor?", "start_intake"),
        ("what symptoms should i note for my doctor?", "start_intake"),
        ("can i tell you my symptoms?", "start_intake"),
        ("what do i need to tell you for the report", "start_intake"),
        ("could you help me get ready for my gp appointment", "start_intake"),
    ],
)
def test_a_question_read_as_a_request_to_note_is_a_question(text, expected):
    message = _message(text, "start_intake")
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, classified, expected",
    [
        # a yes-or-no question about the body, taken for a request to note
        (
            "can a slipped disc cause pain in the leg muscles down to the toes?",
            "start_intake",
            "ask_health_question",
        ),
        # a request addressed to the bot stays one
        (
            "could you help me get ready for my gp appointment?",
            "start_intake",
            "start_intake",
        ),
        # a question with "help" in it, taken for help being arranged
        (
            "does warming up regulary help stop spasms",
            "help_arranged",
            "ask_health_question",
        ),
        ("what helps to stop a spasm quickly?", "help_arranged", "ask_health_question"),
        # help being arranged stays so
        ("the ambulance is on its way", "help_arranged", "help_arranged"),
        ("my son called for help", "help_arranged", "help_arranged"),
        ("is the ambulance coming?", "help_arranged", "help_arranged"),
        ("help is coming", "help_arranged", "help_arranged"),
    ],
)
def test_a_question_taken_for_a_request_or_for_help_arranged_is_a_question(
    text, classified, expected
):
    message = _message(text, classified)
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "my legs ache for no reason, probably nothing right? can leg aches "
            "just be nothing",
            "ask_health_question",
        ),
        (
            "what happens if you just ignore constant tight muscles? prob nothing "
            "lol right",
            "ask_health_question",
        ),
        # a yes-or-no question told as a statement
        ("so he'll just outgrow it?", "ask_health_question"),
        ("so it goes away by itself?", "ask_health_question"),
        ("no, why?", "deny"),
        ("no thanks. can you stop asking?", "deny"),
        ("no thanks, i'm ok", "deny"),
        ("nope?", "deny"),
        ("no, not right now", "deny"),
        # a choice between two things, asked with "not"
        ("so heat not ice?", "ask_health_question"),
        ("stretch instead of rest then?", "ask_health_question"),
        ("no not yet?", "deny"),
        ("why not?", "deny"),
        # the next step asked for, after doing one
        ("done it with my right arm, now what", "ask_health_question"),
        ("did the left side then what", "ask_health_question"),
        ("no, not now", "deny"),
        ("what now", "ask_health_question"),
        ("no what i meant is later", "deny"),
    ],
)
def test_a_no_with_a_question_about_the_body_is_a_question(text, expected):
    message = _message(text, "deny")
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a question with no yes or no in it, typed without "?"
        ("what dose tho", "ask_health_question"),
        ("is the cream any good", "ask_health_question"),
        ("why not", "affirm"),
        (
            "thinking of doing acupuncture on myself off youtube. good idea or nah",
            "ask_health_question",
        ),
        ("how about yes", "affirm"),
        ("ok do it", "affirm"),
    ],
)
def test_a_yes_without_a_question_mark_that_asks_is_a_question(text, expected):
    message = _message(text, "affirm")
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


def test_an_unsure_reading_is_read_by_the_best_guess():
    asks = _message("does it have side effects", "nlu_fallback")
    asks.set(
        INTENT_RANKING_KEY,
        [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "answer_not_helped", "confidence": 0.4},
            {"name": "answer_helped", "confidence": 0.3},
        ],
    )
    unsure_yes = _message("yes i guess", "nlu_fallback")
    unsure_yes.set(
        INTENT_RANKING_KEY,
        [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "affirm", "confidence": 0.4},
        ],
    )
    QuestionOverSmallTalk().process([asks, unsure_yes])

    assert [r["name"] for r in asks.get(INTENT_RANKING_KEY)] == [
        "ask_health_question",
        "answer_helped",
    ]
    assert unsure_yes.get(INTENT)["name"] == "nlu_fallback"


@pytest.mark.parametrize(
    "text, classified, entities, expected",
    [
        # a yes or a no that asks and names a symptom or a body part
        (
            "no-spa good for cramps or not?",
            "deny",
            ["symptom_kind"],
            "ask_health_question",
        ),
        (
            "legs ache but nothing happened. probably fine to just ignore it right?",
            "deny",
            ["body_part", "symptom_kind"],
            "ask_health_question",
        ),
        ("no thanks, not now?", "deny", [], "deny"),
        # asking what the symptoms mean is no request to note them
        (
            "neurologist told me my muscle symptoms are from neurosis. does that "
            "mean my nerves are damaged??",
            "start_intake",
            [],
            "ask_health_question",
        ),
        (
            "can you note my symptoms? does that mean my gp sees them?",
            "start_intake",
            [],
            "start_intake",
        ),
        # a yes or a no that asks and has neither a yes nor a no in it
        ("hot or cold better?", "deny", [], "ask_health_question"),
        ("really?", "deny", [], "deny"),
        # a correction that asks
        ("what about my left side, same thing?", "correct", [], "ask_health_question"),
        (
            "got a knot under my shoulder blade for weeks, how do i get rid of it",
            "correct",
            [],
            "ask_health_question",
        ),
        ("does stress make muscles tight? lol", "correct", [], "ask_health_question"),
        ("no, it's the left leg", "correct", [], "correct"),
        # a skip that asks
        (
            "i have knot under my shoulder blade, how to get rid of it",
            "skip",
            [],
            "ask_health_question",
        ),
        ("skip that question", "skip", [], "skip"),
        ("not sure", "skip", [], "skip"),
        # a question that opens with its verb, whatever yes-words follow
        ("is it ok to keep running then", "affirm", [], "ask_health_question"),
        ("ok do it", "affirm", [], "affirm"),
        ("do it", "affirm", [], "affirm"),
        ("actually it's more like 7", "correct", [], "correct"),
        # a word quoted from the answer
        (
            'what does "gently" mean here, like how gentle',
            "out_of_scope",
            [],
            "ask_health_question",
        ),
        # what a thing is, whatever words of noting it has
        (
            "what even is muscle tension, like medically? or just a feeling ppl "
            "describe",
            "start_intake",
            [],
            "ask_health_question",
        ),
        ("whats the form for?", "start_intake", [], "start_intake"),
        (
            "what symptoms do you need me to describe?",
            "start_intake",
            [],
            "start_intake",
        ),
        # a follow-up read as asking what the bot can do
        ("do i need a prescription for those", "help", [], "ask_health_question"),
        ("what can you do?", "help", [], "help"),
        # what a thing is, read as asking what the bot can do
        ("what is doms", "help", [], "ask_health_question"),
        ("whats a trigger point", "help", [], "ask_health_question"),
        ("what is this", "help", [], "help"),
        ("what's going on here?", "help", [], "help"),
        ("what are your features", "help", [], "help"),
        ("can i ask you about my back", "help", [], "help"),
    ],
)
def test_questions_read_as_a_no_a_request_or_help_are_questions(
    text, classified, entities, expected
):
    message = _message(text, classified)
    message.set("entities", [{"entity": e, "value": "x"} for e in entities])
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a description read as a question: a symptom, no word of asking
        ("my jaw muscles hurt when i wake up", "describe_symptoms"),
        ("thumb keeps cramping when i game for long", "describe_symptoms"),
        ("back is stiff again, prob nothing", "describe_symptoms"),
        # questions typed without "?" keep theirs
        ("my neck is stiff from the laptop what stretches help", "ask_health_question"),
        ("calf cramps every night whats causing that", "ask_health_question"),
        ("my hips ache is that age or something else", "ask_health_question"),
        ("muscles twitch all over, shud i be worried", "ask_health_question"),
        ("is once a week enough", "ask_health_question"),
        # no symptom named: a follow-up, not a description
        ("and for my other leg too", "ask_health_question"),
        ("sore", "ask_health_question"),
    ],
)
def test_a_description_read_as_a_question_is_a_description(text, expected):
    message = _message(text, "ask_health_question")
    QuestionOverSmallTalk().process([message])

    assert message.get(INTENT)["name"] == expected
