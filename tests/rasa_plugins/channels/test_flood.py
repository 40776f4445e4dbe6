"""More messages than a person types are refused; people at a normal pace never."""

from bot.rasa_plugins.channels.flood import FloodGuard, slow_down_reply


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _guard(clock, **limits) -> FloodGuard:
    options = {"max_per_sender": 20, "max_per_address": 60, **limits}
    return FloodGuard(10, clock=clock, **options)


def test_the_21st_message_within_10_s_is_refused_and_told_once():
    clock = Clock()
    guard = _guard(clock)
    for _ in range(20):
        assert guard.check("ann").allowed
        clock.now += 0.1

    first = guard.check("ann")
    second = guard.check("ann")

    assert not first.allowed and first.tell
    assert not second.allowed and not second.tell


def test_a_person_typing_every_few_seconds_is_never_refused():
    clock = Clock()
    guard = _guard(clock)
    for _ in range(500):
        assert guard.check("ann", "10.0.0.1").allowed
        clock.now += 2


def test_a_flooder_is_let_back_in_after_pausing_for_the_window():
    clock = Clock()
    guard = _guard(clock)
    for _ in range(100):
        guard.check("eve")
        clock.now += 0.01
    assert not guard.check("eve").allowed

    clock.now += 10.5

    assert guard.check("eve").allowed


def test_other_senders_are_not_affected_by_a_flooder():
    clock = Clock()
    guard = _guard(clock)
    for _ in range(100):
        guard.check("eve", "10.0.0.66")

    assert guard.check("ann", "10.0.0.1").allowed


def test_one_address_rotating_senders_is_refused_as_an_address():
    clock = Clock()
    guard = _guard(clock)
    verdicts = [guard.check(f"fake-{i}", "10.0.0.66") for i in range(61)]

    assert all(v.allowed for v in verdicts[:60])
    assert not verdicts[60].allowed and verdicts[60].tell
    assert guard.check("ann", "10.0.0.1").allowed


def test_an_exempt_address_is_limited_per_sender_only():
    clock = Clock()
    guard = FloodGuard(10, 20, 60, exempt_addresses=["127.0.0.1"], clock=clock)

    assert all(guard.check(f"user-{i}", "127.0.0.1").allowed for i in range(200))
    for _ in range(20):
        guard.check("eve", "127.0.0.1")
    assert not guard.check("eve", "127.0.0.1").allowed


def test_idle_keys_are_forgotten():
    clock = Clock()
    guard = _guard(clock)
    for i in range(1000):
        guard.check(f"user-{i}", f"10.0.{i // 250}.{i % 250}")
    clock.now += 11
    guard.check("ann")

    assert len(guard._windows) == 1


def test_the_reply_says_to_slow_down_and_keeps_the_emergency_number():
    reply = slow_down_reply("112")
    assert "faster than I can read" in reply and "wait a few seconds" in reply
    assert "112" in reply
