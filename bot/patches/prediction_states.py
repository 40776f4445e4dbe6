"""A tracker's history is replayed once for all the policies that read it.

Each policy turns the tracker into its list of dialogue states with
`Domain.states_for_tracker_history`: a copy of the tracker replays every event,
and the state before each action is read off it. For one prediction
MemoizationPolicy asks (without the turns only rules know), RulePolicy asks
twice (on the user's text, then on the intent) and TED, when it runs, asks
what MemoizationPolicy asked: three or four replays of the same events. py-spy
on the loaded Rasa server put the replays at about an eighth of its time.

Here the replay is kept for the last few trackers: for each action, what Rasa's
loop reads off the replayed tracker (whether the turn is hidden from
ML policies, the follow-up action, the latest action and loop names, the
previous-action sub-state, and the full state from `get_active_state`), with the
domain, the tracker and the very event objects it was computed from. A call
with the same domain, tracker, events (the same objects, in the same order) and
`omit_unset_slots` runs Rasa's loop body (below, as in Rasa 3.6.21) over a copy
of the kept steps; anything else replays first. The copy is of every dict,
shared between steps as in the replay (a state's previous action is the dict
that a later hidden turn reuses), since the loop and the policies edit the
states they get; the values inside are strings, numbers and tuples.

tests/patches/test_prediction_states.py compares the states of every prefix of
the training stories and rules, and of long conversations with rule-hidden
turns, with Rasa's, in each variant the policies ask for.
"""

from __future__ import annotations

import functools
import threading
from typing import Any, Dict, List, Tuple

from bot.patches import replace_once

KEPT = 8

# One step per action: hide_rule_turn, followup_action, latest_action_name,
# active_loop_name, the previous-action sub-state, the state.
Step = Tuple[bool, Any, Any, Any, Any, Dict[str, Any]]


def replay(domain: Any, tracker: Any, omit_unset_slots: bool) -> List[Step]:
    """What Rasa's states_for_tracker_history reads off each prior tracker."""
    return [
        (
            hide_rule_turn,
            prior.followup_action,
            prior.latest_action_name,
            prior.active_loop_name,
            domain._get_prev_action_sub_state(prior),
            domain.get_active_state(prior, omit_unset_slots=omit_unset_slots),
        )
        for prior, hide_rule_turn in tracker.generate_all_prior_trackers()
    ]


def copy_steps(steps: List[Step]) -> List[Step]:
    """New dicts throughout, shared between steps as in `steps`."""
    copies: Dict[int, Any] = {}

    def fresh(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        copied = copies.get(id(value))
        if copied is None:
            copied = copies[id(value)] = dict(value)
        return copied

    return [
        (*step[:4], fresh(step[4]), {key: fresh(sub) for key, sub in step[5].items()})
        for step in steps
    ]


def states_from_steps(
    domain: Any,
    steps: List[Step],
    ignore_rule_only_turns: bool,
    rule_only_data: Any,
) -> List[Dict[str, Any]]:
    """The body of Rasa's states_for_tracker_history loop, over kept steps."""
    from rasa.shared.core.constants import PREVIOUS_ACTION

    states: List[Dict[str, Any]] = []
    last_ml_action_sub_state = None
    turn_was_hidden = False
    for hide_rule_turn, followup, action_name, loop_name, previous, state in steps:
        if ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action_sub_state = previous
            if not followup and not action_name == loop_name:
                turn_was_hidden = hide_rule_turn
            if turn_was_hidden:
                continue
        if ignore_rule_only_turns:
            domain._remove_rule_only_features(state, rule_only_data)
            if states:
                domain._substitute_rule_only_user_input(state, states[-1])
            if last_ml_action_sub_state:
                state[PREVIOUS_ACTION] = last_ml_action_sub_state
        states.append(domain._clean_state(state))
    return states


def _replaying_once(original):
    kept: Dict[tuple, tuple] = {}
    lock = threading.Lock()

    def steps_for(domain, tracker, omit_unset_slots: bool) -> List[Step]:
        events = tuple(tracker.events)
        key = (id(domain), id(tracker), omit_unset_slots)
        with lock:
            found = kept.get(key)
        if (
            found is not None
            and found[0] is domain
            and found[1] is tracker
            and len(found[2]) == len(events)
            and all(a is b for a, b in zip(found[2], events, strict=True))
        ):
            return found[3]
        steps = replay(domain, tracker, omit_unset_slots)
        with lock:
            kept.pop(key, None)
            while len(kept) >= KEPT:
                del kept[next(iter(kept))]
            # The entry holds the domain, tracker and events, so the ids in its
            # key are not reused by other objects while it is kept.
            kept[key] = (domain, tracker, events, steps)
        return steps

    @functools.wraps(original)
    def states_for_tracker_history(
        self,
        tracker,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data=None,
    ):
        steps = copy_steps(steps_for(self, tracker, omit_unset_slots))
        return states_from_steps(self, steps, ignore_rule_only_turns, rule_only_data)

    return states_for_tracker_history


def install() -> None:
    """Share Domain.states_for_tracker_history's replays; idempotent."""
    from rasa.shared.core.domain import Domain

    replace_once(Domain, "states_for_tracker_history", _replaying_once)
