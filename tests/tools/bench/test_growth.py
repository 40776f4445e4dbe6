"""The growth benchmark's script and arithmetic."""

import pytest

from tools.bench.growth import SPAN, TURNS, per_message_ms, report, script, summary


def test_the_script_alternates_a_health_question_and_thanks():
    turns = script()
    assert len(turns) == TURNS
    assert all(t == "thanks" for t in turns[1::2])
    assert all(t.endswith("?") for t in turns[::2])


def test_growth_is_the_last_spans_median_over_the_first_spans():
    flat = [0.040] * TURNS
    assert summary(flat)["growth"] == 1.0
    # Each turn 0.75 ms dearer than the one before, as Rasa's own store was.
    growing = [0.044 + 0.00075 * i for i in range(TURNS)]
    figures = summary(growing)
    assert figures["1-50"] < figures["101-150"] < figures[f"{TURNS - SPAN + 1}-{TURNS}"]
    assert figures["growth"] > 3


def test_a_run_cut_short_by_the_time_limit_reports_its_own_last_span():
    figures = summary([0.05] * 120 + [0.10] * 30)
    assert figures["turns"] == 150
    assert figures["growth"] == 0.10 / 0.05
    assert "101-150" in figures


def test_cpu_per_message_is_the_span_s_cpu_over_its_turns():
    readings = [10.0 + 0.02 * turn for turn in range(TURNS + 1)]  # read before turn 1
    assert per_message_ms(readings, 1, SPAN) == pytest.approx(20.0)
    assert per_message_ms(readings, TURNS - SPAN + 1, TURNS) == pytest.approx(20.0)


def test_the_figure_is_the_median_ratio_of_the_conversations(capsys):
    runs = [summary([0.04] * SPAN + [0.04] * 200 + [0.04 * g] * SPAN)
            for g in (1.0, 1.8, 1.2)]  # fmt: skip
    assert report(runs)["growth"] == pytest.approx(1.2)
    assert "median of 3 conversations: x1.20 (goal <= 1.3: met)" in (
        capsys.readouterr().out
    )


def test_a_conversation_cut_short_fails_the_goal(capsys):
    runs = [summary([0.04] * TURNS), summary([0.04] * TURNS), summary([0.04] * 150)]
    report(runs)
    out = capsys.readouterr().out
    assert "NOT met" in out and "conversation 3 stopped" in out
