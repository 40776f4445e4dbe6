"""Weakness that ascends or spreads fast is a same-day doctor visit."""

from bot.intake.triage import Level, assess


def test_weakness_climbing_from_legs_to_arms_means_doctor_today():
    result = assess(["weakness"], ["leg (both sides)"], spreading=True,
                    spread_to=["arm"], onset_days=60)  # fmt: skip
    assert result.level is Level.DOCTOR_TODAY
    assert "legs and the arms" in result.reason


def test_weakness_spreading_within_days_means_doctor_today():
    result = assess(["weakness"], ["foot"], spreading=True, onset_days=4)
    assert result.level is Level.DOCTOR_TODAY


def test_weakness_spreading_slowly_in_one_limb_is_self_care():
    result = assess(["weakness"], ["left calf"], spreading=True, onset_days=90)
    assert result.level is Level.SELF_CARE


def test_weakness_in_legs_and_arms_that_is_not_spreading_is_self_care():
    assert assess(["weakness"], ["leg", "arm"]).level is Level.SELF_CARE


def test_cramps_spreading_from_legs_to_arms_are_not_the_weakness_rule():
    result = assess(["cramp"], ["calf", "hand"], spreading=True, onset_days=3)
    assert result.level is Level.SELF_CARE


def test_yes_to_the_breathing_screen_is_an_emergency():
    assert assess(["pain"], ["calf"], breathing_screen="yes").level is Level.EMERGENCY
