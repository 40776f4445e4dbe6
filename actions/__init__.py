"""Thin Rasa SDK actions: each reads the tracker, calls into `bot/`, and replies.

rasa-sdk imports every module of this package and registers its actions.
"""
