"""The growth benchmark's script and arithmetic."""

from tools.bench.growth import SPAN, TURNS, script, summary


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
