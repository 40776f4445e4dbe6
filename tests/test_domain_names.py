"""Every name in bot.domain_names exists in domain.yml, and every custom one is there.

A constant naming nothing would make code silently match nothing at run time;
a custom action or form without its constant would be spelt out by hand again.
"""

from __future__ import annotations

from typing import Any, Dict, Set

import pytest
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.constants import (
    DEFAULT_ACTION_NAMES,
    DEFAULT_INTENTS,
    DEFAULT_SLOT_NAMES,
)

from bot import domain_names
from bot.domain_names import (
    FORM_SLOTS,
    Actions,
    Entities,
    Forms,
    Intents,
    Responses,
    Slots,
    invalid_response,
)


def _constants(namespace: type) -> Dict[str, str]:
    return {
        key: value
        for key, value in vars(namespace).items()
        if key.isupper() and isinstance(value, str)
    }


def _names(entries: Any) -> Set[str]:
    """Names of a domain section given as a list of names or of {name: config}."""
    found = set()
    for entry in entries:
        found |= set(entry) if isinstance(entry, dict) else {entry}
    return found


@pytest.mark.parametrize(
    "namespace, section, rasa_defaults",
    [
        (Intents, "intents", set(DEFAULT_INTENTS) | {DEFAULT_NLU_FALLBACK_INTENT_NAME}),
        (Entities, "entities", set()),
        (Slots, "slots", set(DEFAULT_SLOT_NAMES)),
        (Actions, "actions", set(DEFAULT_ACTION_NAMES)),
        (Forms, "forms", set()),
        (Responses, "responses", set()),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_every_constant_names_something_the_domain_or_rasa_defines(
    domain, namespace, section, rasa_defaults
):
    known = _names(domain[section]) | rasa_defaults
    unknown = {
        key: value for key, value in _constants(namespace).items() if value not in known
    }
    assert _constants(namespace), f"{namespace.__name__} names nothing"
    assert not unknown, f"not in domain.yml's {section}: {unknown}"


def test_every_custom_action_and_form_has_its_constant(domain):
    constants = set(_constants(Actions).values()) | set(_constants(Forms).values())
    custom = _names(domain["actions"]) | set(domain["forms"])
    assert custom - constants == set()


def test_form_slots_are_the_symptom_forms_required_slots_in_order(domain):
    required = domain["forms"][Forms.SYMPTOM]["required_slots"]
    assert list(FORM_SLOTS) == required


def test_every_form_slot_has_its_question_and_its_re_ask(domain):
    responses = set(domain["responses"])
    for slot in FORM_SLOTS:
        assert f"utter_ask_{slot}" in responses
        assert invalid_response(slot) in responses


def test_constants_are_unique_within_each_kind():
    for namespace in (Intents, Entities, Slots, Actions, Forms, Responses):
        values = list(_constants(namespace).values())
        assert len(values) == len(set(values)), namespace.__name__


def test_the_module_imports_nothing_but_the_standard_library():
    # Every layer imports it: the core must stay free of Rasa.
    source = open(domain_names.__file__).read()
    assert "import rasa" not in source and "from rasa" not in source
