"""The RedFlagDetector NLU component on real Rasa messages and the real config."""

from pathlib import Path

import pytest
import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.components.red_flag import RedFlagDetector
from bot.safety import detect

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def component() -> RedFlagDetector:
    return RedFlagDetector.create(
        RedFlagDetector.get_default_config(), None, None, None
    )


def _message(text, intent="greet", confidence=0.9, ranking=None, entities=None):
    ranking = ranking or [
        {"name": intent, "confidence": confidence},
        {"name": "help", "confidence": round(1 - confidence, 3)},
    ]
    return Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking,
            "entities": entities or [],
        }
    )


def test_warning_sign_forces_red_flag_at_full_confidence(component):
    message = _message("hi, I can't breathe properly", intent="greet")

    component.process([message])

    assert message.get("intent") == {"name": "red_flag", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0] == {"name": "red_flag", "confidence": 1.0}
    assert {r["name"] for r in ranking[1:]} == {"greet", "help"}
    assert all(r["confidence"] == 0.0 for r in ranking[1:])


def test_signs_become_red_flag_sign_entities_with_offsets(component):
    text = "my calves ache and I have trouble swallowing"
    existing = {"entity": "body_part", "value": "calves", "start": 3, "end": 9}
    message = _message(text, entities=[existing])

    component.process([message])

    entities = message.get("entities")
    assert entities[0] == existing
    (sign,) = entities[1:]
    assert sign["entity"] == "red_flag_sign"
    assert text[sign["start"] : sign["end"]] == sign["value"] == "trouble swallowing"
    assert sign["extractor"] == "RedFlagDetector"


def test_nlu_fallback_is_overridden_by_a_warning_sign(component):
    message = _message("swalowing is hard", intent="nlu_fallback", confidence=0.45)

    component.process([message])

    assert message.get("intent")["name"] == "red_flag"


def test_message_without_a_sign_keeps_its_learned_intent(component):
    message = _message("how do I relieve a cramp?", intent="help", confidence=0.8)
    before = dict(message.data)

    component.process([message])

    assert message.data == before


def test_learned_red_flag_without_a_detected_sign_is_taken_back(component):
    ranking = [
        {"name": "red_flag", "confidence": 0.7},
        {"name": "greet", "confidence": 0.2},
        {"name": "help", "confidence": 0.1},
    ]
    message = _message("my legs feel heavy", "red_flag", 0.7, ranking=ranking)

    component.process([message])

    assert message.get("intent")["name"] == "nlu_fallback"
    assert "red_flag" not in [r["name"] for r in message.get("intent_ranking")]


def test_taken_back_red_flag_falls_to_a_confident_runner_up(component):
    ranking = [
        {"name": "red_flag", "confidence": 0.4},
        {"name": "help", "confidence": 0.55},
    ]
    message = _message("what can you do", "red_flag", 0.4, ranking=ranking)

    component.process([message])

    assert message.get("intent") == {"name": "help", "confidence": 0.55}


def test_every_message_in_a_batch_is_checked(component):
    messages = [_message("hello"), _message("I keep drooling"), _message("")]

    component.process(messages)

    assert [m.get("intent")["name"] for m in messages] == ["greet", "red_flag", "greet"]


def test_every_red_flag_training_example_is_one_the_detector_flags():
    data = load_data(str(ROOT / "data" / "nlu" / "safety.yml"))
    examples = [
        m.get("text") for m in data.intent_examples if m.get("intent") == "red_flag"
    ]

    assert examples
    assert [t for t in examples if not detect(t).red_flag] == []


def test_config_runs_the_component_last_after_the_fallback_classifier():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    names = [step["name"] for step in pipeline]

    assert names[-1] == "bot.rasa_plugins.components.red_flag.RedFlagDetector"
    assert names.index("FallbackClassifier") < len(names) - 1


def test_rasa_recipe_accepts_the_component_in_the_real_config():
    config = yaml.safe_load((ROOT / "config.yml").read_text())

    graph = DefaultV1Recipe().graph_config_for_recipe(config, {})

    uses = [node.uses for node in graph.predict_schema.nodes.values()]
    assert RedFlagDetector in uses


def test_logs_at_info_name_the_category_and_count_but_no_patient_words(
    component, caplog
):
    texts = [
        "my zebrafinch tongue feels weak and I can't swallow my porridge",
        "learned guess about quixotic breathing",
    ]
    messages = [_message(texts[0]), _message(texts[1], intent="red_flag")]

    with caplog.at_level("INFO"):
        component.process(messages)

    logged = " ".join(r.getMessage() for r in caplog.records if r.levelno >= 20)
    assert "Red flag (bulbar): 2 sign(s)" in logged
    for word in ("zebrafinch", "porridge", "swallow", "quixotic", "tongue"):
        assert word not in logged


def test_component_load_without_the_onnx_model_names_the_build_step(
    monkeypatch, tmp_path
):
    from bot.corpus.onnx_encoder import EncoderMissing
    from bot.safety import detector

    monkeypatch.setenv("CORPUS_BUILD_DIR", str(tmp_path))
    detector._semantic_layer.cache_clear()
    try:
        with pytest.raises(EncoderMissing, match="python -m bot.corpus build"):
            RedFlagDetector.create(
                RedFlagDetector.get_default_config(), None, None, None
            )
    finally:
        detector._semantic_layer.cache_clear()
