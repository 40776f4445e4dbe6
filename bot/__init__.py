"""Logic of the muscle-health assistant: retrieval, safety, intake and settings.

Nothing here does work at import time; models and indexes load on first use.
"""
