"""Adds conversations up into the figures the report shows.

Counters only grow by conversation, so memory follows the number of days,
passages and distinct unanswered questions, not the number of events.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List

from bot.report.walk import FOR_REVIEW, STAGES, Conversation, Takeover

# The takeovers listed for review, newest first; more are counted, not listed.
MAX_REVIEW_ROWS = 300
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form under which the same question asked twice is counted once."""
    return _SPACES.sub(" ", text.strip().lower()).strip(" ?!.")


@dataclass
class PassageFeedback:
    cited: int = 0
    helped: int = 0
    not_helped: int = 0

    @property
    def votes(self) -> int:
        return self.helped + self.not_helped


@dataclass
class Tally:
    """Every figure of the report, built one conversation at a time."""

    conversations: int = 0
    by_day: Counter = field(default_factory=Counter)
    by_channel: Counter = field(default_factory=Counter)
    messages_by_day: Counter = field(default_factory=Counter)
    fallbacks_by_day: Counter = field(default_factory=Counter)
    answered: int = 0
    unanswered: int = 0
    # normalised question -> count, and the first wording seen
    unanswered_questions: Counter = field(default_factory=Counter)
    unanswered_wording: Dict[str, str] = field(default_factory=dict)
    passages: Dict[str, PassageFeedback] = field(
        default_factory=lambda: defaultdict(PassageFeedback)
    )
    feedback_helped: int = 0
    feedback_not_helped: int = 0
    takeovers: int = 0
    takeover_categories: Counter = field(default_factory=Counter)
    takeover_kinds: Counter = field(default_factory=Counter)
    takeover_replies: Counter = field(default_factory=Counter)
    review: List[Takeover] = field(default_factory=list)
    review_total: int = 0
    stages: Counter = field(default_factory=Counter)
    stopped_at: Counter = field(default_factory=Counter)

    def add(self, conversation: Conversation) -> None:
        """Count one conversation."""
        self.conversations += 1
        self.by_day[conversation.day] += 1
        self.by_channel[conversation.channel] += 1
        for day, (messages, fallbacks) in conversation.messages_by_day.items():
            self.messages_by_day[day] += messages
            self.fallbacks_by_day[day] += fallbacks
        self.answered += conversation.answered
        self.unanswered += len(conversation.unanswered)
        for text in conversation.unanswered:
            key = normalise(text)
            if not key:
                continue
            self.unanswered_questions[key] += 1
            self.unanswered_wording.setdefault(key, text.strip())
        for ids in conversation.cited:
            for passage in set(ids):
                self.passages[passage].cited += 1
        for ids, helped in conversation.feedback:
            self.feedback_helped += helped
            self.feedback_not_helped += not helped
            for passage in set(ids):
                counts = self.passages[passage]
                counts.helped += helped
                counts.not_helped += not helped
        for takeover in conversation.takeovers:
            self._add_takeover(takeover)
        for stage in range(conversation.stage):
            self.stages[STAGES[stage]] += 1
        if conversation.stopped_at:
            self.stopped_at[conversation.stopped_at] += 1

    def _add_takeover(self, takeover: Takeover) -> None:
        self.takeovers += 1
        self.takeover_categories[takeover.category_or_kinds] += 1
        for kind in takeover.kinds:
            self.takeover_kinds[kind] += 1
        self.takeover_replies[takeover.reply] += 1
        if takeover.reply in FOR_REVIEW:
            self.review_total += 1
            self.review.append(takeover)
            if len(self.review) > 2 * MAX_REVIEW_ROWS:
                self._trim_review()

    def _trim_review(self) -> None:
        self.review.sort(key=lambda t: t.timestamp, reverse=True)
        del self.review[MAX_REVIEW_ROWS:]

    def finish(self) -> Tally:
        """Order what is listed (call once every conversation is added)."""
        self._trim_review()
        return self

    @property
    def fallback_share_by_day(self) -> Dict[str, float]:
        return {
            day: self.fallbacks_by_day[day] / count
            for day, count in sorted(self.messages_by_day.items())
            if count
        }
