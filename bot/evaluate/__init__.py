"""End-to-end evaluation of the running assistant over REST (no servers started).

python -m bot.evaluate conversation tests/evaluate/data/*.jsonl --url http://localhost:5005
"""
