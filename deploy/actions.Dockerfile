# An action server: the official rasa-sdk image (3.6.2, the version in
# requirements.lock) plus the packages the actions' logic in bot/ needs
# (retrieval, safety, intake). The lock is installed whole, without resolving,
# exactly as scripts/setup_venv.sh does; it is large (torch).
FROM rasa/rasa-sdk:3.6.2

USER root
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --no-deps -r /tmp/requirements.lock
WORKDIR /app
COPY bot/ /app/bot/
COPY actions/ /app/actions/
COPY corpus/ /app/corpus/
USER 1001

# rasa_sdk's command line after loading the retriever (see bot/serve/action_server.py).
ENTRYPOINT ["python", "-m", "bot.serve.action_server"]
CMD ["--actions", "actions", "--port", "5055"]
