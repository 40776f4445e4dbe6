"""The load benchmark's arithmetic: percentiles, medians over runs, the verdict."""

from tools.bench.load import (
    Result,
    Series,
    _meets_goals,
    busy_share,
    cpu_times,
    scale_out_line,
)


def _run(latencies, errors=(), silent=0, wall=10.0, rss=None, cpu=0.5):
    return Result(
        "x",
        latencies=list(latencies),
        errors=list(errors),
        silent=silent,
        wall=wall,
        rss=rss or {"rasa server": [100]},
        cpu_busy=cpu,
    )


def test_percentile_is_nearest_rank_on_the_sorted_latencies():
    run = _run([i / 100 for i in range(100, 0, -1)])  # 1.00 ... 0.01 s
    assert run.percentile(0.5) == 0.51
    assert run.percentile(0.95) == 0.95
    assert _run([]).percentile(0.5) != _run([]).percentile(0.5)  # NaN


def test_series_figures_are_medians_and_a_slow_run_does_not_decide():
    fast, middle, slow = (
        _run([t] * 400, wall=w) for t, w in ((0.5, 8), (0.8, 10), (3.0, 40))
    )
    series = Series("ours", [slow, fast, middle])
    assert series.p95 == 0.8
    assert series.rate == 400 / 10
    assert _meets_goals(series)


def test_any_error_or_empty_reply_in_any_run_fails_the_goals():
    good = _run([0.1] * 400)
    assert not _meets_goals(
        Series("e", [good, _run([0.1] * 399, errors=["HTTP 500"]), good])
    )
    assert not _meets_goals(Series("s", [good, _run([0.1] * 400, silent=1), good]))
    assert not _meets_goals(Series("p", [_run([1.2] * 400)] * 3))


def test_memory_is_the_peak_run():
    small = _run([0.1], rss={"rasa server": [100]})
    big = _run([0.1], rss={"rasa server": [300], "action server": [50]})
    series = Series("m", [small, big, small])
    assert series.total_rss == 350
    assert series.rss == big.rss


def test_busy_share_is_the_busy_part_of_the_cpu_time_between_readings():
    assert busy_share((100.0, 400.0), (250.0, 600.0)) == 0.75
    assert busy_share(None, (1.0, 2.0)) != busy_share(None, (1.0, 2.0))  # NaN
    busy, total = cpu_times()
    assert 0 < busy <= total


def test_scale_out_line_gives_the_gain_and_the_idle_cpu_it_had():
    single = Series("one", [_run([0.1] * 400, wall=10.0, cpu=0.9)] * 3)
    scaled = Series("two", [_run([0.1] * 400, wall=8.0, cpu=0.99)] * 3)
    line = scale_out_line(single, scaled)
    assert "50.0 vs 40.0 messages/s" in line
    assert "x1.25" in line
    assert "left 10% of" in line
