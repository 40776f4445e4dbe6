"""Custom Rasa NLU components and policies (registered with DefaultV1Recipe)."""
