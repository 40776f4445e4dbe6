"""Custom Rasa NLU components (registered with DefaultV1Recipe)."""
