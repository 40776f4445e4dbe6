"""Serving without the training step gives the same predictions as Rasa's load."""

from __future__ import annotations

import numpy as np
import pytest

from tests.patches.probe import run_probe

# Everyday, question, intake and red-flag wording, a typo and another script:
# every intent family and both entity extractors get exercised.
TEXTS = """hi there
thanks, bye
how do i get rid of a leg cramp at night?
my calf has been cramping for 3 days, really bad pain
i cant breathe properly and my throat feels weak
eyelid twitching for a week, prob nothing lol
whcih doctor shoud i see for back stifness
yes please
no thanks
delete my data
what exercises help a stiff neck after sleeping wrong
my hamstrings feel tight after running, should i stretch before or after?
привет
stop
is magnesium good for cramps""".splitlines()


def _probe(way: str) -> dict:
    return run_probe("model_loading_probe.py", way, stdin="\n".join(TEXTS), timeout=600)


@pytest.mark.slow
def test_serving_load_predicts_exactly_as_rasas_load():
    stock, patched = _probe("stock"), _probe("patched")
    assert len(stock["nlu"]) == len(TEXTS) and len(stock["ted"]) == len(TEXTS)
    for ours, theirs in zip(patched["nlu"], stock["nlu"], strict=True):
        assert [n for n, _ in ours["intents"]] == [n for n, _ in theirs["intents"]]
        np.testing.assert_allclose(
            [c for _, c in ours["intents"]], [c for _, c in theirs["intents"]],
            rtol=0, atol=1e-6,
        )  # fmt: skip
        assert ours["entities"] == theirs["entities"]
    assert patched["core"] == stock["core"]
    np.testing.assert_allclose(patched["ted"], stock["ted"], rtol=0, atol=1e-6)


def test_fine_tuning_and_loads_without_an_example_keep_rasas_load(monkeypatch):
    from rasa.utils.tensorflow.models import RasaModel

    from bot.patches import model_loading

    calls = []

    def rasas_load(cls, *args, **kwargs):
        calls.append(args)
        return "rasa's"

    monkeypatch.setattr(RasaModel, "load", classmethod(rasas_load))
    model_loading.install()
    assert RasaModel.load("weights", "example", None) == "rasa's"
    assert RasaModel.load("weights", "example", "predict", True) == "rasa's"
    assert len(calls) == 2
    model_loading.install()  # idempotent: still one wrapper
    assert RasaModel.load("weights", "example", None) == "rasa's"
    assert len(calls) == 3
