"""A person's right to have their conversation deleted, and how long we keep any.

`requests.asks_to_delete` recognises "delete my data" and its variants;
`store` deletes one conversation or every conversation idle longer than
RETENTION_DAYS from the SQL tracker store (SQLite or PostgreSQL). Nothing here
imports Rasa: the Rasa server calls it through bot.patches.data_deletion, and
`python -m bot.privacy purge` (`make purge`, and the launcher once a day) runs
the retention purge.
"""
