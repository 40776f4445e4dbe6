"""Writes the report as one self-contained HTML page (inline SVG charts, inline
CSS, no script, nothing fetched: its policy forbids any network use)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from html import escape
from typing import Dict, List, Sequence

from bot.report import plots
from bot.report.clusters import Clustering
from bot.report.tally import Tally
from bot.report.walk import NO_REPLY, STAGES

WORST_PASSAGES = 15
MAX_PASSAGE_ROWS = 40
MAX_CLUSTERS = 25
CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6rem 0}td,th{padding:.25rem .6rem;
border-bottom:1px solid #eee;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}.note{color:#555}.warn{color:#8a1c1c}
.figs{display:flex;flex-wrap:wrap;gap:1rem}.figs>div{flex:1 1 26rem}
svg{max-width:100%;height:auto}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def page(
    tally: Tally,
    clustering: Clustering,
    since: float,
    until: float,
    titles: Dict[str, str] | None = None,
) -> str:
    """The whole report; `titles` names passages (id -> source and section)."""
    period = f"{_when(since)} to {_when(until)} (UTC)"
    body = [
        "<h1>Conversation review</h1>",
        f"<p>{escape(period)}. {tally.conversations} conversations. "
        "<span class=warn>Confidential: this page quotes patients' messages. "
        "Keep it on this machine and delete it when the review is done.</span></p>",
        _conversations(tally),
        _questions(tally),
        _clusters(clustering),
        _feedback(tally, titles or {}),
        _takeovers(tally),
        _intake(tally),
        _nlu(tally),
    ]
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="referrer" content="no-referrer">'
        "<title>Conversation review</title>"
        f"<style>{CSS}</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )


def _when(timestamp: float) -> str:
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M")


def _table(header: Sequence[str], rows: List[Sequence], numeric=()) -> str:
    def cell(tag, i, value):
        cls = " class=n" if i in numeric else ""
        return f"<{tag}{cls}>{escape(str(value))}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    lines = [
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>"
        for r in rows
    ]
    return f"<table><tr>{head}</tr>{''.join(lines)}</table>"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _figs(*charts: str) -> str:
    return "<div class=figs>" + "".join(f"<div>{c}</div>" for c in charts) + "</div>"


def _conversations(t: Tally) -> str:
    if not t.conversations:
        return "<h2>Conversations</h2><p>No conversations in this period.</p>"
    days = sorted(t.by_day)
    channels = t.by_channel.most_common()
    return "<h2>Conversations</h2>" + _figs(
        plots.bars(days, [t.by_day[d] for d in days], "Conversations per day"),
        plots.bars(
            [c for c, _ in channels],
            [n for _, n in channels],
            "Conversations by channel",
            horizontal=True,
        ),
    )


def _questions(t: Tally) -> str:
    asked = t.answered + t.unanswered
    text = (
        f"<h2>Questions</h2><p>{asked} health questions: {t.answered} answered with "
        f'cited excerpts ({_percent(t.answered, asked)}), {t.unanswered} got "my '
        f"sources don't cover that\" ({_percent(t.unanswered, asked)}).</p>"
    )
    if not asked:
        return text
    colours = [plots.COLOURS["good"], plots.COLOURS["bad"]]
    chart = plots.bars(
        ["answered", "sources don't cover it"],
        [t.answered, t.unanswered],
        "Questions",
        colours,
    )
    return text + _figs(chart)


def _clusters(c: Clustering) -> str:
    out = ["<h2>Unanswered questions, by topic</h2>"]
    if not c.clusters:
        return out[0] + "<p>None: every question was answered.</p>"
    out.append(
        "<p class=note>Questions the sources did not cover, grouped by meaning "
        "(sentence embeddings, agglomerative clustering); the largest topics are "
        "the documents most worth adding.</p>"
    )
    rows = [
        (i, cl.size, cl.label, " | ".join(cl.examples))
        for i, cl in enumerate(c.clusters[:MAX_CLUSTERS], 1)
    ]
    out.append(
        _table(["#", "asked", "topic (most typical wording)", "examples"], rows, {0, 1})
    )
    if len(c.clusters) > MAX_CLUSTERS:
        rest = sum(cl.size for cl in c.clusters[MAX_CLUSTERS:])
        out.append(
            f"<p class=note>{len(c.clusters) - MAX_CLUSTERS} smaller topics "
            f"({rest} questions) are not listed.</p>"
        )
    if c.left_out:
        out.append(
            f"<p class=note>{c.left_out} rarely asked questions were too many "
            "to cluster and are left out.</p>"
        )
    return "".join(out)


def _feedback(t: Tally, titles: Dict[str, str]) -> str:
    votes = t.feedback_helped + t.feedback_not_helped
    out = [
        "<h2>Did the answers help?</h2>",
        f"<p>{votes} answers rated: {t.feedback_helped} helped "
        f"({_percent(t.feedback_helped, votes)}), {t.feedback_not_helped} did not "
        f"({_percent(t.feedback_not_helped, votes)}). A rating counts for every "
        "passage the answer quoted.</p>",
    ]
    rated = [(pid, f) for pid, f in t.passages.items() if f.votes]
    if not rated:
        return "".join(out)
    worst = sorted(rated, key=lambda x: (-x[1].not_helped, x[1].helped, x[0]))
    shown = worst[:WORST_PASSAGES]
    out.append(
        plots.stacked(
            [pid for pid, _ in shown],
            [f.helped for _, f in shown],
            [f.not_helped for _, f in shown],
            "Passages that most often did not help",
        )
    )
    rows = [
        (pid, titles.get(pid, ""), f.cited, f.helped, f.not_helped,
         _percent(f.helped, f.votes))
        for pid, f in worst[:MAX_PASSAGE_ROWS]
    ]  # fmt: skip
    header = ["passage", "source and section", "quoted", "helped", "did not", "rate"]
    out.append(_table(header, rows, {2, 3, 4, 5}))
    if len(worst) > MAX_PASSAGE_ROWS:
        out.append(
            f"<p class=note>{len(worst) - MAX_PASSAGE_ROWS} more rated passages "
            "are not listed.</p>"
        )
    return "".join(out)


def _takeovers(t: Tally) -> str:
    out = [f"<h2>Emergency takeovers</h2><p>{t.takeovers} takeovers.</p>"]
    if not t.takeovers:
        return "".join(out)
    cats = t.takeover_categories.most_common()
    kinds = t.takeover_kinds.most_common()
    out.append(
        _figs(
            plots.bars(
                [c for c, _ in cats],
                [n for _, n in cats],
                "By category",
                horizontal=True,
            ),
            plots.bars(
                [k for k, _ in kinds],
                [n for _, n in kinds],
                "By sign kind",
                horizontal=True,
            ),
        )
    )
    replies = [
        (r, n, _percent(n, t.takeovers)) for r, n in t.takeover_replies.most_common()
    ]
    out.append(
        "<p>What came next:</p>"
        + _table(["reply", "takeovers", "share"], replies, {1, 2})
    )
    out.append(
        f"<h3>For review ({t.review_total})</h3><p class=note>Takeovers followed by "
        '"that\'s not an emergency" or by no reply: a false alarm, or a patient '
        "who needed help and went quiet. Newest first"
        + (
            f"; the newest {len(t.review)} are listed"
            if t.review_total > len(t.review)
            else ""
        )
        + ".</p>"
    )
    rows = [
        (
            _when(k.timestamp),
            k.text,
            ", ".join(k.signs),
            k.category_or_kinds,
            k.reply if k.reply == NO_REPLY else f"{k.reply}: {k.reply_text}",
        )
        for k in t.review
    ]
    out.append(_table(["when", "message", "signs", "category", "next"], rows))
    return "".join(out)


def _intake(t: Tally) -> str:
    counts = [t.stages[s] for s in STAGES]
    out = ["<h2>Symptom intake</h2>"]
    if not counts[0]:
        return out[0] + "<p>No intake was offered or started.</p>"
    rows = [
        (stage, n, _percent(n, counts[0]), _percent(n, counts[i - 1]) if i else "-")
        for i, (stage, n) in enumerate(zip(STAGES, counts, strict=True))
    ]
    charts = [plots.bars(list(STAGES), counts, "Intake funnel")]
    where = Counter()
    for (place, _), n in t.stopped_at.items():
        where[place] += n
    if where:
        places = [p for p, _ in where.most_common()]
        charts.append(
            plots.bars(places, [where[p] for p in places], "Where people stopped",
                       horizontal=True)
        )  # fmt: skip
    out.append(_figs(*charts))
    out.append(
        _table(
            ["stage", "conversations", "of offered", "of previous stage"],
            rows,
            {1, 2, 3},
        )
    )
    if where:
        reasons = sorted({why for _, why in t.stopped_at})
        stops = [
            [place, where[place]] + [t.stopped_at[(place, why)] for why in reasons]
            for place in places
        ]
        out.append("<p>Where people stopped, and how:</p>")
        numeric = set(range(1, len(reasons) + 2))
        out.append(_table(["where", "in all"] + reasons, stops, numeric))
    return "".join(out)


def _nlu(t: Tally) -> str:
    shares = t.fallback_share_by_day
    out = ["<h2>NLU health</h2>"]
    if not shares:
        return out[0] + "<p>No user messages.</p>"
    total = sum(t.messages_by_day.values())
    fallbacks = sum(t.fallbacks_by_day.values())
    out.append(
        f"<p>{fallbacks} of {total} user messages ({_percent(fallbacks, total)}) "
        "were not understood (nlu_fallback).</p>"
    )
    days = list(shares)
    out.append(
        _figs(
            plots.line(
                days,
                [shares[d] for d in days],
                "Share of messages not understood, per day",
            )
        )
    )
    return "".join(out)
