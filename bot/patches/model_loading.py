"""Load the trained DIET and TED models without a training step.

Rasa 3.6's `RasaModel.load` builds a model's variables by compiling it and
running `fit` on one example, then reads the trained weights over them. For
serving, that traces and runs the whole training graph (loss, gradients, the
Adam optimiser) only to throw the result away. py-spy on a starting Rasa server
(2 cores, quiet) put 58 of its 77 seconds to ready there, and the optimiser's
slot variables stay in memory for the life of the server.

Here the weights are read first and restored as each variable is created
(TensorFlow's deferred checkpoint restoration), and the variables are created by
the prediction Rasa already runs once to trace its predict function. The
training-only parts (optimiser slots, loss layers) are never built, so their
entries in the checkpoint are expected to stay unused.

Only the serving path changes: fine-tuning, or a load without a prediction
example, goes to Rasa's own `load`. tests/patches/test_model_loading.py loads
the trained model both ways and compares every intent ranking, entity and
action probability.
"""

from __future__ import annotations

import functools
from typing import Any

from bot.patches import replace_once


def _load_for_serving(original):
    @functools.wraps(original)
    def load(
        cls,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any | None = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ):
        if finetune_mode or predict_data_example is None:
            return original.__get__(None, cls)(
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        import tensorflow as tf
        from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY

        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        model.compile(
            optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
            run_eagerly=config.get(RUN_EAGERLY),
        )
        status = model.load_weights(model_file_name)
        # Creates every variable prediction uses; each takes its trained value
        # from the checkpoint as it is created.
        model.run_inference(predict_data_example)
        status.expect_partial()
        # Fails if a variable that prediction created found nothing to restore.
        status.assert_existing_objects_matched()
        return model

    return load


def install() -> None:
    """Replace RasaModel.load for serving; later calls do nothing."""
    from rasa.utils.tensorflow.models import RasaModel

    replace_once(RasaModel, "load", _load_for_serving)
