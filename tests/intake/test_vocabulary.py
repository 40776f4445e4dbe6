"""The NLU lookup tables are generated from the vocabulary and stay in sync."""

from pathlib import Path

from bot.intake import vocabulary

ROOT = Path(__file__).resolve().parents[2]


def test_lookup_yaml_matches_the_vocabulary():
    generated = vocabulary.render_nlu_yaml()
    on_disk = (ROOT / "data" / "nlu" / "intake_lookups.yml").read_text()
    assert on_disk == generated, (
        "data/nlu/intake_lookups.yml is stale: run "
        "`python -m bot.intake.vocabulary > data/nlu/intake_lookups.yml`"
    )


def test_no_surface_form_means_two_different_things():
    for table in (vocabulary.BODY_PARTS, vocabulary.SYMPTOM_KINDS):
        seen = {}
        for canonical, others in table.items():
            for form in others:
                assert seen.setdefault(form.lower(), canonical) == canonical, form
