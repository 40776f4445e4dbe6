"""The review report for support staff: what patients asked, what went
unanswered, the takeovers, the intake funnel and whether answers helped.

`python -m bot.report --since 7d` streams the tracker store (SQLite or
PostgreSQL) and writes one self-contained HTML file (see docs/report.md).
"""
