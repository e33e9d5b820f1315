"""The chain of backends (one notice, then the next backend), and the backends that need no
sound device to test: the terminal bell, and simpleaudio through a fake module."""

from __future__ import annotations

import sys
import threading
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from practice_tui.sound import (
    NOTICE_NO_BELLS,
    NOTICE_SWITCHED,
    BellPlayer,
    BellSound,
    FallbackPlayer,
    PlayRequest,
    SilentPlayer,
    describe_sound,
    notice_for,
    open_player,
    play_test_bell,
)
from practice_tui.sound.simpleaudio_backend import SimpleaudioPlayer, import_simpleaudio
from practice_tui.sound.terminal import TerminalBellPlayer

WAIT_S = 10.0  # an upper bound for threads; tests go on as soon as the event fires
GAP_S = 0.01  # strikes this far apart in tests


class Notices:
    """Collects notices and lets a test wait for the first one."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.arrived = threading.Event()

    def __call__(self, text: str) -> None:
        self.texts.append(text)
        self.arrived.set()


class FakeBackend:
    """A backend that works, or fails on its probe, or fails on a play (reported as a real
    backend does: through the chain's callback, from another thread)."""

    def __init__(
        self,
        name: str,
        on_failure: Callable[..., None],
        *,
        probe_ok: bool = True,
        fail_on_play: bool = False,
    ) -> None:
        self.name = name
        self.device = f"{name} device"
        self.played: list[PlayRequest] = []
        self.probe_ok = probe_ok
        self.fail_on_play = fail_on_play
        self._on_failure = on_failure
        self._idle = threading.Event()
        self._idle.set()

    def probe(self) -> bool:
        return self.probe_ok

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        request = PlayRequest(bell, volume, strikes)
        if not self.fail_on_play:
            self.played.append(request)
            return
        self._idle.clear()

        def fail() -> None:
            self._on_failure(self, RuntimeError("the device went away"), True, [request])
            self._idle.set()

        threading.Thread(target=fail).start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)


class Chain:
    """Builds a FallbackPlayer over fake backends and keeps the backends for inspection."""

    def __init__(self, *specs: tuple[str, dict[str, Any] | None]) -> None:
        self.made: dict[str, FakeBackend] = {}
        self.notices = Notices()
        factories = [(name, self._factory(name, options)) for name, options in specs]
        self.player = FallbackPlayer(factories, self.notices)

    def _factory(self, name: str, options: dict[str, Any] | None) -> Any:
        def make(on_failure: Callable[..., None]) -> FakeBackend | None:
            if options is None:
                return None  # not available here
            if options.get("raises"):
                raise ImportError("no such library")
            self.made[name] = FakeBackend(name, on_failure, **options)
            return self.made[name]

        return make


# -- the chain ---------------------------------------------------------------------------------


def test_the_first_backend_that_works_plays_and_nothing_is_said() -> None:
    chain = Chain(("miniaudio", {}), ("terminal", {}))
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    assert isinstance(chain.player, BellPlayer)
    assert (chain.player.name, chain.player.device) == ("miniaudio", "miniaudio device")
    chain.player.play("bell", 0.5, strikes=2)
    assert chain.made["miniaudio"].played == [PlayRequest("singing-bowl", 0.5, 2)]
    assert "terminal" not in chain.made  # never even built
    assert chain.notices.texts == []


def test_plays_made_while_the_first_probe_runs_are_played_after_it() -> None:
    chain = Chain(("miniaudio", {}))
    chain.player.play("cue")
    chain.player.play("cue", 0.0)  # muted: nothing to hold
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    assert chain.made["miniaudio"].played == [PlayRequest("cue", 1.0, 1)]


def test_a_failed_probe_moves_on_with_one_notice_worded_for_where_sound_went() -> None:
    chain = Chain(("miniaudio", {"probe_ok": False}), ("simpleaudio", {}), ("terminal", {}))
    chain.player.play("small-bell")
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    assert chain.player.name == "simpleaudio"
    assert chain.made["simpleaudio"].played == [PlayRequest("small-bell", 1.0, 1)]
    assert chain.notices.texts == [NOTICE_SWITCHED]
    assert [f.backend for f in chain.player.failures] == ["miniaudio"]


def test_a_failing_play_gives_one_notice_and_the_next_backend_rings_it() -> None:
    chain = Chain(("miniaudio", {"fail_on_play": True}), ("terminal", {"fail_on_play": True}))
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    chain.player.play("deep-gong", 0.7, strikes=3)
    assert chain.notices.arrived.wait(WAIT_S)
    assert chain.player.wait_idle(WAIT_S)
    # The terminal bell took over, was handed the gong, and failed too: silence, no 2nd notice.
    assert chain.player.name == "silent"
    assert chain.notices.texts == [notice_for("stopped", "terminal")]
    assert [f.backend for f in chain.player.failures] == ["miniaudio", "terminal"]
    chain.player.play("cue")  # silence takes anything
    assert chain.player.wait_idle(WAIT_S)
    assert chain.notices.texts == [notice_for("stopped", "terminal")]


def test_a_backend_that_is_not_there_is_skipped_without_a_notice() -> None:
    chain = Chain(("simpleaudio", None), ("terminal", {}))
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    assert chain.player.name == "terminal"
    assert chain.notices.texts == []


def test_a_backend_that_cannot_even_be_built_counts_as_a_failure() -> None:
    chain = Chain(("miniaudio", {"raises": True}))
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    assert chain.player.name == "silent"
    assert chain.notices.texts == [notice_for("no-device", "silent")]


def test_a_broken_notice_callback_does_not_break_the_chain() -> None:
    def broken(text: str) -> None:
        raise RuntimeError("the app is closing")

    player = FallbackPlayer([("terminal", lambda failed: None)], broken)
    player.start()
    assert player.wait_idle(WAIT_S)
    assert player.name == "silent"


def test_a_failure_from_a_backend_already_left_behind_is_ignored() -> None:
    chain = Chain(("miniaudio", {}), ("terminal", {}))
    chain.player.start()
    assert chain.player.wait_idle(WAIT_S)
    stale = FakeBackend("old", lambda *args: None)
    chain.player._backend_failed(stale, RuntimeError("late"), True, [])
    assert chain.player.name == "miniaudio"
    assert chain.notices.texts == []


# -- open_player without sound files --------------------------------------------------------------


def test_open_player_without_bells_is_silent_and_says_so_at_once(tmp_path: Path) -> None:
    notices = Notices()
    player = open_player(notices, sounds_dir=tmp_path / "missing")
    assert notices.texts == [NOTICE_NO_BELLS]  # already, from this thread
    assert player.name == "silent"
    player.play("bell")
    player.play("cue", 0.3)
    assert player.wait_idle(WAIT_S)
    assert notices.texts == [NOTICE_NO_BELLS]


def test_open_player_without_bells_falls_back_to_the_terminal_bell(tmp_path: Path) -> None:
    (tmp_path / "bell.wav").write_bytes(b"not a wav file")
    notices, rings = Notices(), Notices()
    player = open_player(
        notices, sounds_dir=tmp_path, terminal_bell=lambda: rings("ding"), strike_gap_s=GAP_S
    )
    assert notices.texts == [notice_for("no-bells", "terminal")]
    assert player.name == "terminal"
    player.play("bell", strikes=2)
    assert player.wait_idle(WAIT_S)
    assert rings.texts == ["ding", "ding"]


def test_open_player_can_be_asked_for_silence_without_a_notice(tmp_path: Path) -> None:
    notices = Notices()
    for folder in (None, tmp_path / "missing"):  # silence needs no files
        player = open_player(notices, prefer=("silent",), sounds_dir=folder)
        assert player.wait_ready(WAIT_S)
        assert player.name == "silent"
        player.play("bell")
    assert notices.texts == []


def test_open_player_tolerates_a_broken_callback(tmp_path: Path) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("the app is closing")

    assert open_player(broken, sounds_dir=tmp_path).name == "silent"


def test_silent_player_never_raises() -> None:
    player = SilentPlayer()
    assert isinstance(player, BellPlayer)
    assert (player.name, player.device) == ("silent", "")
    for volume in (0.0, 0.5, 1.0, -3.0, 7.0, float("nan")):
        player.play("bell", volume, strikes=3)
    player.play("no such bell")


# -- the terminal bell -------------------------------------------------------------------------


def test_terminal_bell_rings_once_per_strike_from_a_worker_and_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    threads: list[str] = []
    player = TerminalBellPlayer(
        lambda: threads.append(threading.current_thread().name), None, strike_gap_s=GAP_S
    )
    assert player.probe()
    assert threads == []  # probing rings nothing: it would be heard
    player.play("cue", strikes=3)
    player.play("bell", 0.0)  # muted
    assert player.wait_idle(WAIT_S)
    assert len(threads) == 3
    assert threading.current_thread().name not in threads
    assert capfd.readouterr() == ("", "")


def test_terminal_bell_strikes_are_spaced() -> None:
    times: list[float] = []

    player = TerminalBellPlayer(lambda: times.append(time.monotonic()), None, strike_gap_s=0.05)
    asked = time.monotonic()
    player.play("bell", strikes=3)
    assert player.wait_idle(WAIT_S)
    assert len(times) == 3
    # Strikes keep to their schedule from the play, so a first strike that a busy machine
    # delayed may sit closer to the second; none ever comes early.
    assert times[1] - asked >= 0.05
    assert times[2] - asked >= 0.1


def test_terminal_bell_that_fails_reports_what_it_owed() -> None:
    reports: list[tuple[Any, ...]] = []

    def ring() -> None:
        raise OSError("the terminal is gone")

    player = TerminalBellPlayer(ring, lambda *args: reports.append(args), strike_gap_s=GAP_S)
    player.play("cue", 0.5, strikes=2)
    assert player.wait_idle(WAIT_S)
    assert player.failed
    (backend, error, had_worked, pending), *rest = reports
    assert rest == []
    assert backend is player and isinstance(error, OSError) and not had_worked
    assert pending == [PlayRequest("cue", 0.5, 2)]
    player.play("cue")  # a failed backend ignores plays
    assert player.wait_idle(WAIT_S)


# -- simpleaudio, through a fake module ------------------------------------------------------------


class FakePlayObject:
    def __init__(self, polls: int) -> None:
        self._polls = polls
        self.stopped = False

    def is_playing(self) -> bool:
        self._polls -= 1
        return self._polls > 0 and not self.stopped

    def wait_done(self) -> None:
        self._polls = 0

    def stop(self) -> None:
        self.stopped = True


class FakeSimpleaudio:
    """Stands in for the ``simpleaudio`` module: records each play_buffer call."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.calls: list[tuple[bytes, int, int, int]] = []
        self.fail_after = fail_after

    def play_buffer(self, audio: bytes, channels: int, width: int, rate: int) -> FakePlayObject:
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise RuntimeError("Error opening PCM device. -- CODE: -2")
        self.calls.append((bytes(audio), channels, width, rate))
        return FakePlayObject(polls=3)


def _tone() -> dict[str, BellSound]:
    samples = array("h", [1000, -1000, 2000, -2000] * 10)
    return {"cue": BellSound("cue", samples), "singing-bowl": BellSound("singing-bowl", samples)}


def test_simpleaudio_plays_each_strike_scaled_and_waits_for_the_end() -> None:
    fake = FakeSimpleaudio()
    player = SimpleaudioPlayer(_tone(), fake, None, strike_gap_s=GAP_S)
    assert isinstance(player, BellPlayer)
    assert player.probe()
    player.play("bell", 0.5, strikes=2)
    player.play("no such bell")
    assert player.wait_idle(WAIT_S)
    probe, first, second = fake.calls
    assert set(probe[0]) == {0}  # the probe plays silence
    assert first == second
    audio, channels, width, rate = first
    assert (channels, width, rate) == (1, 2, 44100)
    assert array("h", audio)[:4].tolist() == [500, -500, 1000, -1000]


def test_simpleaudio_that_cannot_open_a_device_fails_its_probe() -> None:
    player = SimpleaudioPlayer(_tone(), FakeSimpleaudio(fail_after=0), None)
    assert not player.probe()
    assert "PCM" in str(player.failure)


def test_the_chain_uses_simpleaudio_when_miniaudio_has_no_device(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeSimpleaudio(fail_after=2)  # the probe, one strike, then the device is gone
    monkeypatch.setitem(sys.modules, "simpleaudio", fake)
    assert import_simpleaudio() is fake
    notices, rings = Notices(), Notices()
    player = open_player(
        notices,
        miniaudio_backends=[],  # a miniaudio with nothing to try: as with no device at all
        terminal_bell=lambda: rings("ding"),
        strike_gap_s=GAP_S,
    )
    assert player.wait_ready(WAIT_S)
    assert player.name == "simpleaudio"
    assert notices.texts == [NOTICE_SWITCHED]
    player.play("cue", strikes=3)
    assert player.wait_idle(WAIT_S)
    # One strike went out through simpleaudio; the two it owed rang on the terminal bell.
    assert player.name == "terminal"
    assert rings.texts == ["ding", "ding"]
    assert notices.texts == [NOTICE_SWITCHED]  # still only the one notice
    assert [f.backend for f in player.failures] == ["miniaudio", "simpleaudio"]


def test_without_simpleaudio_installed_it_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import raises ImportError
    assert import_simpleaudio() is None
    notices = Notices()
    player = open_player(notices, prefer=("simpleaudio", "terminal"), terminal_bell=lambda: None)
    assert player.wait_ready(WAIT_S)
    assert player.name == "terminal"
    assert notices.texts == []


# -- for the doctor --------------------------------------------------------------------------------


def test_describe_sound_and_the_test_bell(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeSimpleaudio()
    monkeypatch.setitem(sys.modules, "simpleaudio", fake)
    player = open_player(prefer=("simpleaudio",))
    assert play_test_bell(player, WAIT_S)
    assert len(fake.calls) == 2  # the probe, the test bell
    report = describe_sound(player)
    assert report["backend"] == "simpleaudio"
    assert report["device"] == ""
    assert report["ready"] is True
    assert report["failures"] == []
    assert "singing-bowl" in report["bells"] and "cue" in report["bells"]
    assert report["sounds_dir"].endswith("bells")


def test_the_test_bell_is_false_when_sound_fell_back(tmp_path: Path) -> None:
    player = open_player(sounds_dir=tmp_path, terminal_bell=lambda: None)
    assert not play_test_bell(player, WAIT_S)
    assert describe_sound(player)["backend"] == "terminal"


def test_a_strike_added_as_the_worker_finishes_is_never_stranded() -> None:
    """A race seen once in CI: a play arriving while the worker was ending was lost."""
    import threading

    from practice_tui.sound.player import play_request
    from practice_tui.sound.worker import StrikeScheduler

    rung: list[str] = []
    lock = threading.Lock()

    def strike(request) -> None:
        with lock:
            rung.append(request.bell)

    for round_ in range(1000):
        rung.clear()
        scheduler = StrikeScheduler(strike, lambda exc, pending: None, gap_s=0.0)
        for index in range(5):
            request = play_request(f"bell-{round_}-{index}", 1.0, 1)
            assert request is not None
            scheduler.add(request)
        assert scheduler.wait_idle(5)
        # wait_idle may return between workers: give any new worker its moment.
        assert scheduler.wait_idle(5)
        with lock:
            assert len(rung) == 5, (round_, rung)
