"""tools.nlu_join: former blind NLU sets become annotated training data."""

import yaml

from tools import nlu_join


def _write(path, blocks):
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in blocks:
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {t}" for t in texts]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_annotate_marks_the_longest_of_overlapping_spans():
    text = "my lower back aches"
    spans = [(3, 13, "body_part"), (9, 13, "body_part"), (14, 19, "symptom_kind")]
    assert (
        nlu_join.annotate(text, spans)
        == "my [lower back](body_part) [aches](symptom_kind)"
    )


def test_join_adds_only_new_texts_and_keeps_what_the_file_has(tmp_path, monkeypatch):
    training = _write(tmp_path / "intake.yml", [("skip", ["skip"])])
    out = _write(tmp_path / "patients.yml", [("deny", ["nah [legs](body_part) ok"])])
    blind = _write(
        tmp_path / "blind_1.yml",
        [("deny", ["skip", "Nah legs ok"]), ("describe_symptoms", ["calf aches"])],
    )

    async def spans(model, texts):
        # The model's RegexEntityExtractor, at the edge: "calf" is a body part.
        return [[(0, 4, "body_part")] if t.startswith("calf") else [] for t in texts]

    monkeypatch.setattr(nlu_join, "_regex_spans", spans)
    written = nlu_join.join([blind], out, [training], model=tmp_path / "m.tar.gz")
    blocks = {b["intent"]: b["examples"] for b in yaml.safe_load(written)["nlu"]}

    # "skip" means skip in the form; a text already there is not added twice.
    assert blocks["deny"] == "- nah [legs](body_part) ok\n"
    assert blocks["describe_symptoms"] == "- [calf](body_part) aches\n"
    assert written.startswith("# Patients' messages")


def test_a_held_out_text_stays_out_of_training(tmp_path, monkeypatch):
    training = _write(tmp_path / "intake.yml", [("skip", ["skip"])])
    out = _write(tmp_path / "patients.yml", [("affirm", ["sure thing", "yep"])])
    held_out = _write(tmp_path / "intake_test.yml", [("affirm", ["sure thing"])])
    blind = _write(tmp_path / "blind_2.yml", [("affirm", ["sure thing", "ok go"])])

    async def spans(model, texts):
        return [[] for _ in texts]

    monkeypatch.setattr(nlu_join, "_regex_spans", spans)
    written = nlu_join.join(
        [blind], out, [training], tmp_path / "m.tar.gz", held_out=[held_out]
    )
    blocks = {b["intent"]: b["examples"] for b in yaml.safe_load(written)["nlu"]}

    assert blocks["affirm"] == "- yep\n- ok go\n"
