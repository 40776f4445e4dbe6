"""The semantic layer: signs in words the rules do not list, on the ONNX encoder
(the encoder itself: tests/corpus/test_onnx_encoder.py)."""

import json
import subprocess
import sys

import pytest

from bot import settings
from bot.corpus.onnx_encoder import onnx_path
from bot.safety import detect, semantic

MODEL = onnx_path(settings.load().corpus_build_dir)
needs_model = pytest.mark.skipif(
    not MODEL.exists(), reason="no ONNX model: run `python -m bot.corpus build`"
)


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "my chest only fills up about halfway",
        "I have to use my shoulders to breathe in",
        "I have to swallow again and again before a mouthful goes down",
        "my words come out all mushy like I have marbles in my mouth",
        "only one side of my mouth goes up when I smile",
    ],
)
def test_sign_in_unlisted_words_is_flagged_by_the_semantic_layer(text):
    assert not detect(text, semantic=False).red_flag
    verdict = detect(text)
    assert verdict.red_flag
    assert verdict.signs and all(sign in text for sign in verdict.signs)


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "last winter the air only went in halfway for weeks but it cleared up",
        "my mum saw a programme where the air only went in halfway for a man",
        "I take a deep breath and stretch my hamstrings",
        "my voice is croaky from a cold and my legs ache",
        "my neck is stiff and my shoulders are tense",
        "can I swallow my magnesium tablet whole?",
        # near misses: a weak hand, flat feet, sitting down to do an exercise
        "sometimes my hand goes so weak i cant even hold my coffee mug",
        "my daughter has flat-ish feet and knock knees and her legs hurt",
        "i want to try the breathing thing for tension, sitting in my armchair now",
        "got a nervous twitch under my eye, someone said pressing points "
        "around the eye helps",
        "my hand gets so weak from overwork i can barely hold my coffee mug. "
        "is this related to muscle strain?",
    ],
)
def test_semantic_hits_out_of_context_or_ordinary_do_not_flag(text):
    assert not detect(text).red_flag, detect(text).signs


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "my calves cramp so badly at night it wakes me up yelling",
        "how many times a week should I foam roll my quads, climbing stairs hurts",
        "my grip goes weak after a long shift, can barely hold the kettle",
        # close to "my shoulders heave up with every breath", no breathing
        "i always carry my heavy tote on my right shoulder, every day on the "
        "commute. lately that side of my neck keeps going into spasm",
        "its not my face though, its twitching in my leg and arm. what about those",
    ],
)
def test_a_message_naming_no_breath_voice_food_mouth_or_face_is_not_a_sign(text):
    assert not detect(text).red_flag, detect(text).signs


@needs_model
@pytest.mark.parametrize(
    "text, flags",
    [
        # "name" is a speech word: "what's your name" read as slurred speech
        ("what's your name", False),
        ("whats ur name lol", False),
        ("what is your name?", False),
        # a person in it, or an inability, and it is judged as ever
        ("how do you breathe when your chest feels this tight", True),
        ("what's your name, my speech is slurred since this morning", True),
    ],
)
def test_a_question_put_to_the_bot_is_no_report(text, flags):
    assert detect(text).red_flag is flags, detect(text).signs


@needs_model
def test_another_persons_sign_told_now_flags():
    # A parent or carer writing about someone with them: as urgent as the
    # writer's own.
    assert detect("my mum says the air only goes in halfway for her").red_flag


def test_bank_covers_every_sign_with_many_phrasings_and_near_misses():
    bank = json.loads(semantic.BANK_PATH.read_text())
    signs = bank["signs"]
    assert {s["category"] for s in signs.values()} == {"respiratory", "bulbar"}
    assert {"orthopnea", "weak_cough", "swallow_difficulty", "slurred_speech"} <= set(
        signs
    )
    assert all(len(s["phrasings"]) >= 4 for s in signs.values())
    assert len(bank["near_misses"]) >= 50


def _runtimes_loaded_by_importing(modules: str) -> list:
    code = (
        f"import sys, {modules}; "
        "print('onnxruntime' in sys.modules, 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_importing_the_detector_loads_no_model_runtime():
    assert _runtimes_loaded_by_importing("bot.safety") == ["False", "False"]


# A fresh process importing Rasa (and so TensorFlow) takes 10-20 s.
@pytest.mark.slow
def test_importing_the_rasa_component_loads_no_model_runtime():
    modules = "bot.safety, bot.rasa_plugins.components.red_flag"
    assert _runtimes_loaded_by_importing(modules) == ["False", "False"]


@pytest.mark.parametrize(
    "text, first_person",
    [
        (
            "people couldnt understand my mum today",
            "people couldnt understand me today",
        ),
        ("grandads voice is a whisper now", "my voice is a whisper now"),
        ("my daughter has flat", "my daughter has flat"),
        ("her face droops and she drools", "my face droops and I drools"),
        ("my son's breathing is fast today", "my breathing is fast today"),
    ],
)
def test_another_person_is_read_in_the_first_person_for_the_bank(text, first_person):
    assert semantic.as_first_person(text) == first_person


def test_a_sign_every_phrasing_of_which_names_breathing_needs_a_breath_word():
    from bot.safety.semantic import _named_by_every

    assert _named_by_every(
        ["my shoulders heave up with every breath", "my body heaves to get air in"]
    ) == {"BREATH"}
    # food, face and throat words are open lists: never required
    assert _named_by_every(["I choke on my food", "I choke when I eat"]) == set()


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "my shoulders go up and down every time i inhale now",
        "i have to lean on the table to get air in",
    ],
)
def test_accessory_muscle_use_told_with_breathing_still_flags(text):
    assert detect(text).red_flag
