"""A model's predict step, called as its concrete function, gives what the
`tf.function` gives. tests/patches/test_speed_patches.py checks every DIET and
TED call of the test stories on the trained model."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from bot.patches import predict_function


def _step():
    import tensorflow as tf

    def step(batch):
        features, mask = batch
        return {
            "scores": tf.nn.softmax(tf.reduce_sum(features, axis=-1) * mask),
            "diagnostic_data": {"sum": tf.reduce_sum(features)},
        }

    signature = [
        [
            tf.TensorSpec([None, 3], tf.float32),
            tf.TensorSpec([None], tf.float32),
        ]
    ]
    return tf.function(step, input_signature=signature)


def _batches():
    rng = np.random.default_rng(0)
    for rows in (1, 4, 0, 9):
        yield [
            rng.random((rows, 3)).astype(np.float32),
            (rng.random(rows) > 0.5).astype(np.float32),
        ]


def test_the_concrete_function_gives_the_functions_outputs():
    function = _step()
    call = predict_function.ConcreteCall(function)
    for batch in _batches():
        theirs, ours = function(batch), call(batch)
        assert np.array_equal(ours["scores"].numpy(), theirs["scores"].numpy())
        assert ours["diagnostic_data"]["sum"] == theirs["diagnostic_data"]["sum"]


def _model(step, eagerly=False):
    return SimpleNamespace(_tf_predict_step=step, _run_eagerly=eagerly)


def _original(model, batch_in):
    """What RasaModel._rasa_predict does with the step, once it is made."""
    return model._tf_predict_step(batch_in)


def test_the_model_calls_the_concrete_function_once_rasa_has_made_it():
    predict = predict_function._calling_concrete(_original)
    model = _model(_step())
    batch = next(_batches())
    predict(model, batch)
    assert isinstance(model._tf_predict_step, predict_function.ConcreteCall)
    made = model._tf_predict_step
    predict(model, batch)
    assert model._tf_predict_step is made


@pytest.mark.parametrize("eagerly", [True, False])
def test_eager_models_and_unsigned_functions_are_left_alone(eagerly):
    import tensorflow as tf

    predict = predict_function._calling_concrete(_original)
    step = _step() if eagerly else tf.function(lambda batch: batch[0])
    model = _model(step, eagerly=eagerly)
    predict(model, next(_batches()))
    assert model._tf_predict_step is step
    unmade = _model(None)
    with pytest.raises(TypeError):  # Rasa makes the step; here nobody did
        predict(unmade, next(_batches()))
    assert unmade._tf_predict_step is None
