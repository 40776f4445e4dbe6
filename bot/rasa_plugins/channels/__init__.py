"""Rasa input/output channels: REST, the website widget (socket.io) and Telegram.

Each class subclasses Rasa's own connector and keeps its URL, adding only what a
health service needs: clear 4xx answers to bad input, socket.io limited to the
configured origins, and Telegram's size limits and bot-name check.
"""
