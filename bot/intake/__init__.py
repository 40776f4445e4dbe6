"""Symptom intake: normalising what patients say, triage, and the clinician summary.

Plain Python with no Rasa imports, so the form's rules can be tested on their own.
"""
