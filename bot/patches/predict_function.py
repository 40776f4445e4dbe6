"""DIET's and TED's predict step is called as the one function it traced to.

Rasa 3.6 wraps a model's predict step in `tf.function` with a fixed input
signature (`RasaModel._rasa_predict`), so TensorFlow traces it once into one
concrete function. Every call still went through the polymorphic function's
dispatch, which computes a trace type for each input and looks the concrete
function up again: py-spy on the loaded Rasa server put that dispatch at about
twice the time TensorFlow spent running DIET's graph.

Here, once Rasa has made the function, the model calls its concrete function
for that signature directly. It converts the inputs to tensors by the same
function spec and runs the same graph, so the outputs are the same numbers.
Eager models (`run_eagerly`) and functions without a signature are left as
they are. tests/patches/test_speed_patches.py compares DIET's and TED's outputs
both ways for every call in the test stories.
"""

from __future__ import annotations

import functools
from typing import Any

from bot.patches import replace_once


class ConcreteCall:
    """Calls a `tf.function`'s concrete function for its input signature."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.concrete = function.get_concrete_function()

    def __call__(self, batch_in: Any) -> Any:
        return self.concrete(batch_in)


def _calling_concrete(original):
    @functools.wraps(original)
    def _rasa_predict(self, batch_in):
        step = self._tf_predict_step
        if (
            step is not None
            and not isinstance(step, ConcreteCall)
            and not self._run_eagerly
            and getattr(step, "input_signature", None) is not None
        ):
            # Set past Keras's attribute tracking: the function is not part of
            # what the model saves, and stays reachable as `.function`.
            object.__setattr__(self, "_tf_predict_step", ConcreteCall(step))
        return original(self, batch_in)

    return _rasa_predict


def install() -> None:
    """Replace RasaModel._rasa_predict; idempotent."""
    from rasa.utils.tensorflow.models import RasaModel

    replace_once(RasaModel, "_rasa_predict", _calling_concrete)
