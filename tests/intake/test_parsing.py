"""Patients' words become canonical slot values."""

from datetime import date

import pytest

from bot.intake import parsing


@pytest.mark.parametrize(
    "said, expected",
    [("7/10", 7), ("8 out of 10", 8), ("seven", 7), ("maybe a 6", 6), ("0", 0),
     ("10/10 unbearable", 10), (5, 5), ("pretty bad", "severe"), ("mild", "mild")],
)  # fmt: skip
def test_severity_is_read_from_numbers_fractions_and_words(said, expected):
    assert parsing.parse_severity(said) == expected


@pytest.mark.parametrize("said", ["15", "banana", "", "100 percent", 11])
def test_severity_off_the_scale_or_nonsense_is_rejected(said):
    assert parsing.parse_severity(said) is None


@pytest.mark.parametrize(
    "said, text, days",
    [
        ("two months ago", "2 months ago", 60),
        ("for 5 days", "for 5 days", 5),
        ("this morning", "this morning", 0),
        ("about a week", "for 1 week", 7),
        ("a couple of weeks ago", "2 weeks ago", 14),
        ("since yesterday", "since yesterday", 1),
    ],
)
def test_onset_phrases_are_tidied_with_an_estimate_in_days(said, text, days):
    onset = parsing.parse_onset(said)
    assert (onset.text, onset.days) == (text, days)


def test_since_a_month_counts_back_to_the_most_recent_such_month():
    onset = parsing.parse_onset("since August", today=date(2026, 11, 24))
    assert onset.text == "since August"
    assert onset.days == (date(2026, 11, 24) - date(2026, 8, 1)).days
    january = parsing.parse_onset("since december", today=date(2026, 1, 10))
    assert january.days == (date(2026, 1, 10) - date(2025, 12, 1)).days


def test_onset_nonsense_is_rejected():
    assert parsing.parse_onset("purple elephants") is None


@pytest.mark.parametrize(
    "said, canonical",
    [("calves", "calf"), ("Shins", "shin"), ("pad of the thumb", "thumb pad"),
     ("hamstrings", "thigh back"), ("feet", "foot"), ("between my shoulder blades",
     "shoulder blades"), ("low back", "lower back"), ("cheeks", "face")],
)  # fmt: skip
def test_body_part_synonyms_map_to_canonical_names(said, canonical):
    assert parsing.canonical_body_part(said) == canonical


@pytest.mark.parametrize(
    "said, canonical",
    [("pins and needles", "tingling"), ("pulling", "tension"), ("tremors",
     "twitching"), ("cramping", "cramp"), ("sore", "pain"), ("numb", "numbness"),
     ("weak", "weakness"), ("swollen", "swelling"), ("stiff", "stiffness")],
)  # fmt: skip
def test_symptom_words_map_to_canonical_kinds(said, canonical):
    assert parsing.canonical_symptom_kind(said) == canonical


def test_each_body_part_gets_the_side_named_next_to_it():
    text = "my left calf and both shins, the right thigh and my neck, hip on the right"
    assert parsing.locations_from([], text) == [
        "left calf", "shin (both sides)", "right thigh", "neck", "right hip",
    ]  # fmt: skip


def test_locations_prefer_entities_and_their_synonym_values():
    entities = [
        {"entity": "side", "value": "left", "start": 3, "end": 7},
        {"entity": "body_part", "value": "calf", "start": 8, "end": 14},
        {
            "entity": "body_part",
            "value": "calf",
            "start": 8,
            "end": 14,
        },  # 2nd extractor
    ]
    assert parsing.locations_from(entities, "my left calves") == ["left calf"]


def test_new_locations_accumulate_and_a_side_refines_a_bare_part():
    merged = parsing.merge_locations(["calf", "neck"], ["left calf", "hip"])
    assert merged == ["left calf", "neck", "hip"]
    assert parsing.merge_locations(["left calf"], ["calf"]) == ["left calf"]
    assert parsing.merge_locations([parsing.SKIPPED], ["neck"]) == ["neck"]


def test_a_correction_replaces_the_matching_location():
    assert parsing.correct_locations(["right leg"], ["left leg"], None) == ["left leg"]
    assert parsing.correct_locations(["calf", "neck"], ["left calf"], None) == [
        "neck",
        "left calf",
    ]
    assert parsing.correct_locations(["calf"], ["shin"], None) == ["shin"]
    assert parsing.correct_locations(["right leg"], [], "left") == ["left leg"]


@pytest.mark.parametrize(
    "said, trend, spreading",
    [("getting worse and spreading up to my arms", "worse", True),
     ("a bit better", "better", False), ("about the same", "same", False),
     ("it comes and goes", "comes and goes", False), ("spreading", "worse", True)],
)  # fmt: skip
def test_course_reads_trend_and_spreading(said, trend, spreading):
    assert parsing.parse_course(said) == parsing.Course(trend, spreading)


def test_course_nonsense_is_rejected():
    assert parsing.parse_course("blue") is None


def test_pattern_finds_every_trigger_named():
    assert parsing.parse_pattern("worse at night and after i run") == [
        "at night", "after exertion",
    ]  # fmt: skip
    assert parsing.parse_pattern("after sitting at my desk") == ["after sitting"]
    assert parsing.parse_pattern("no, it's random") == ["no clear pattern"]
    assert parsing.parse_pattern("qwerty") is None


@pytest.mark.parametrize(
    "text, parts",
    [
        ("it keeps coming back in the exact same spot", []),
        ("back to normal now", []),
        ("my back hurts", ["back"]),
        ("went back to the gym and my back aches", ["back"]),
    ],
)
def test_back_as_a_return_is_no_body_part(text, parts):
    assert [canon for _, canon in parsing.body_part_mentions(text)] == parts
