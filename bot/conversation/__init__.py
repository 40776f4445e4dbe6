"""The dialogue's own logic, kept free of Rasa: follow-ups read in context."""
