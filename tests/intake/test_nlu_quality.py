"""NLU quality for the intake on a held-out set, and on the forum patients' posts.

`rasa test nlu` scores tests/nlu/intake_test.yml (written apart from data/nlu/);
the thresholds below are the acceptance bar, not tuned to pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.intake.parsing import base_part, locations_from, symptom_kinds_from

ROOT = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "assistant.tar.gz"
TEST_SET = ROOT / "tests" / "nlu" / "intake_test.yml"
# The in-repo copy of the shared safety dev set (it holds the two forum posts).
SAFETY_DEV = ROOT / "tests" / "safety" / "safety_dev.jsonl"

INTENT_F1_MIN = 0.90
ENTITY_F1_MIN = {"body_part": 0.90, "symptom_kind": 0.90}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlu_report(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    out = tmp_path_factory.mktemp("nlu")
    result = subprocess.run(
        [RASA, "test", "nlu", "--model", str(MODEL), "--nlu", str(TEST_SET),
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _f1(report_path: Path, label: str) -> float:
    return json.loads(report_path.read_text())[label]["f1-score"]


def test_intent_f1_on_held_out_patient_messages(nlu_report):
    f1 = _f1(nlu_report / "intent_report.json", "weighted avg")
    assert f1 >= INTENT_F1_MIN, f"intent F1 {f1:.3f} < {INTENT_F1_MIN}"


@pytest.mark.parametrize("entity", sorted(ENTITY_F1_MIN))
def test_entity_f1_for_body_parts_and_symptom_kinds(nlu_report, entity):
    # DIET is the extractor that reads context; the lookup tables back it up.
    f1 = _f1(nlu_report / "DIETClassifier_report.json", entity)
    assert f1 >= ENTITY_F1_MIN[entity], f"{entity} F1 {f1:.3f}"


def _forum_posts():
    rows = [json.loads(line) for line in SAFETY_DEV.read_text().splitlines()]
    return sorted((r["text"] for r in rows), key=len)[-2:]


FORUM_EXPECTED = [
    # The second forum post (right leg, tongue, pad of the thumb).
    (
        {"neck", "arm", "leg", "tongue", "shin", "thigh", "foot", "hand",
         "thumb pad"},
        {"tension", "weakness", "tingling", "pain", "twitching"},
    ),
    # The first forum post (thighs, shins, palm, shoulder blades).
    (
        {"arm", "leg", "thigh", "foot", "hip", "shin", "hand", "fingers", "palm",
         "neck", "shoulder blades"},
        {"tension", "pain", "weakness", "twitching"},
    ),
]  # fmt: skip


@pytest.mark.parametrize("index", [0, 1], ids=["second_post", "first_post"])
async def test_forum_posts_yield_their_body_parts_and_symptom_kinds(nlu_agent, index):
    text = _forum_posts()[index]
    parsed = await nlu_agent.parse_message(text)
    entities = parsed["entities"]

    parts = {base_part(loc) for loc in locations_from(entities, "")}
    kinds = set(symptom_kinds_from(entities, ""))
    expected_parts, expected_kinds = FORUM_EXPECTED[index]
    assert expected_parts <= parts, f"missing {expected_parts - parts}"
    assert expected_kinds <= kinds, f"missing {expected_kinds - kinds}"


@pytest.mark.parametrize("index", [0, 1], ids=["second_post", "first_post"])
async def test_forum_posts_trigger_the_takeover_first(nlu_agent, index):
    # The safety component forces red_flag over describe_symptoms, so the rules
    # and the takeover policy send the emergency message before any form starts.
    parsed = await nlu_agent.parse_message(_forum_posts()[index])
    assert parsed["intent"]["name"] == "red_flag"
