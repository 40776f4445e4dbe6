"""docs/benchmarks.md is written from the printed figures, dated, per section."""

from tools.bench import report


def test_a_section_carries_its_figures_date_machine_and_commit(tmp_path):
    path = tmp_path / "benchmarks.md"
    report.write({"growth": report.Section("growth", "   growth x1.02\n", 90)}, path)
    text = path.read_text()
    assert text.startswith("# Benchmarks")
    assert "growth x1.02" in text
    assert "on commit " in text and "UTC" in text
    assert "cores" in text and "Rasa 3.6.21" in text


def test_running_one_benchmark_keeps_the_other_sections(tmp_path):
    path = tmp_path / "benchmarks.md"
    first = {
        "load": report.Section("load", "p95 800 ms\n", 600),
        "growth": report.Section("growth", "x1.10\n", 90),
    }
    report.write(first, path)
    report.write({"growth": report.Section("growth", "x0.95\n", 80)}, path)
    text = path.read_text()
    assert "p95 800 ms" in text  # kept
    assert "x0.95" in text and "x1.10" not in text  # replaced
    assert text.count("## growth") == 1


def test_tee_prints_and_keeps_what_was_printed(capsys):
    with report.Tee() as output:
        print("figure 42")
    assert output.text() == "figure 42\n"
    assert "figure 42" in capsys.readouterr().out
