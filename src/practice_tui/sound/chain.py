"""Choosing a backend that works, and moving on calmly when one stops working.

Backends are tried in order: miniaudio, simpleaudio (if the extra is installed), the terminal
bell (if the app gave one), silent. The player returned by :func:`open_player` plays through
the first that works. When that one fails (its first probe, or any later play), the player
finds the next that works, tells the app once in one calm sentence worded by where sound
went, and plays there from then on, starting with what the failed one could not finish
(bells, and the speech it was playing, which carries on from where it had got to).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from practice_tui.paths import bells_dir
from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import (
    DEFAULT_BELL,
    REASON_NO_BELLS,
    REASON_NO_DEVICE,
    REASON_STOPPED,
    STRIKE_GAP_S,
    BellLoadError,
    BellSound,
    NoticeCallback,
    OnceNotice,
    PlayRequest,
    SilentPlayer,
    SpeechRequest,
    load_bells,
    notice_for,
    play_request,
    speech_request,
)
from practice_tui.sound.wording import plain_backend_error

__all__ = [
    "BACKENDS",
    "FallbackPlayer",
    "describe_sound",
    "open_player",
    "play_test_bell",
]

log = logging.getLogger(__name__)

#: Every backend, best first; ``open_player(prefer=...)`` takes any of these names.
BACKENDS = ("miniaudio", "simpleaudio", "terminal", "silent")
#: The backends that play our sound files (the others need none).
_NEEDS_FILES = ("miniaudio", "simpleaudio")
#: Plays held while the chain is still finding a backend; older ones are dropped.
MAX_PENDING = 8
#: Speech files remembered to preload on a backend that takes over; older ones are forgotten.
MAX_PRELOADS = 512


class _Backend(Protocol):
    name: str
    device: str

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None: ...
    def probe(self) -> bool: ...
    def wait_idle(self, timeout: float | None = None) -> bool: ...


#: Makes one backend, given the chain's failure callback; None when it is not available here
#: (an optional library not installed, no terminal bell given, no bell files).
BackendFactory = Callable[[Callable[..., None]], _Backend | None]


@dataclass(frozen=True)
class BackendFailure:
    """A backend the chain left behind, and why."""

    backend: str
    error: str


class FallbackPlayer:
    """A :class:`~practice_tui.sound.player.BellPlayer` over a chain of backends.

    ``name`` and ``device`` are those of the backend in use. Until the first backend has been
    probed (in a background thread, started by :meth:`start`) plays are held, then played.
    """

    def __init__(
        self,
        factories: Sequence[tuple[str, BackendFactory]],
        on_notice: NoticeCallback | None = None,
        *,
        bells: Mapping[str, BellSound] | None = None,
        sounds_dir: Path | None = None,
    ) -> None:
        self._factories = [*factories, ("silent", lambda _failed: SilentPlayer())]
        self._notice = OnceNotice(on_notice)
        #: The bells decoded at start-up (names), and where they came from.
        self.bells: tuple[str, ...] = tuple(sorted(bells or {}))
        self.sounds_dir = sounds_dir
        #: Backends left behind, oldest first, for the doctor and the logs.
        self.failures: list[BackendFailure] = []
        self._lock = threading.Lock()  # guards the fields below
        self._index = 0
        self._candidate = self._factories[0][0]
        self._current: _Backend = SilentPlayer()
        self._pending: list[PlayRequest | SpeechRequest] = []
        self._preloads: OrderedDict[Path, None] = OrderedDict()
        self._generation = 0  # one per search for a backend; a newer search wins
        self._settled = threading.Event()  # a backend is chosen and takes plays
        self._quiet = threading.Event()  # ... and the plays held meanwhile have been handed on

    # -- the BellPlayer protocol -----------------------------------------------------------------

    @property
    def name(self) -> str:
        """The backend in use; while one is being probed, the one being tried."""
        return self._current.name if self._settled.is_set() else self._candidate

    @property
    def device(self) -> str:
        return self._current.device if self._settled.is_set() else ""

    @property
    def backend(self) -> Any:
        """The backend object in use (a MiniaudioPlayer, ...), for the doctor and tests."""
        return self._current

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        """Ring ``bell`` (``volume`` 0..1, 1..3 ``strikes``); returns at once, never raises."""
        try:
            request = play_request(bell, volume, strikes)
            if request is None:
                return
            with self._lock:
                if not self._settled.is_set():
                    self._pending.append(request)
                    del self._pending[:-MAX_PENDING]
                    return
                backend = self._current
            self._play_on(backend, request)
        except Exception:
            log.debug("could not ring %r", bell, exc_info=True)

    # -- the speech channel --------------------------------------------------------------------

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        """Start speaking ``wav`` (``volume`` 0..1) now, replacing any speech; never raises."""
        try:
            request = speech_request(wav, volume)
            with self._lock:
                if not self._settled.is_set():
                    self._pending = [r for r in self._pending if isinstance(r, PlayRequest)]
                    if request is not None:
                        self._pending.append(request)
                    return
                backend = self._current
            if request is None:
                self._speech_call(backend, "stop_speech")
            else:
                self._play_on(backend, request)
        except Exception:
            log.debug("could not speak %s", wav, exc_info=True)

    def pause_speech(self) -> None:
        """Hold the speech where it has got to."""
        self._speech_change("pause_speech", paused=True)

    def resume_speech(self) -> None:
        """Carry on speaking from where the speech paused."""
        self._speech_change("resume_speech", paused=False)

    def stop_speech(self) -> None:
        """Silence the speech at once."""
        self._speech_change("stop_speech", paused=None)

    def speech_playing(self) -> bool:
        """True while speech is sounding, or waiting to sound on a backend being chosen."""
        try:
            with self._lock:
                if not self._settled.is_set():
                    return any(isinstance(r, SpeechRequest) and not r.paused for r in self._pending)
                backend = self._current
            return bool(self._speech_call(backend, "speech_playing"))
        except Exception:
            log.debug("cannot tell whether speech is playing", exc_info=True)
            return False

    def preload_speech(self, wavs: Iterable[Path]) -> None:
        """Read these WAVs ahead of their moment (in the background); returns at once."""
        try:
            paths = [Path(wav) for wav in wavs]
            with self._lock:
                for path in paths:
                    self._preloads[path] = None
                    self._preloads.move_to_end(path)
                while len(self._preloads) > MAX_PRELOADS:
                    self._preloads.popitem(last=False)
                if not self._settled.is_set():
                    return  # the backend chosen gets them all when it takes over
                backend = self._current
            self._speech_call(backend, "preload_speech", paths)
        except Exception:
            log.debug("could not preload speech", exc_info=True)

    def _speech_change(self, method: str, *, paused: bool | None) -> None:
        """Pass a pause, resume or stop to the backend, or to the speech waiting for one."""
        try:
            with self._lock:
                if not self._settled.is_set():
                    held = [r for r in self._pending if isinstance(r, SpeechRequest)]
                    self._pending = [r for r in self._pending if isinstance(r, PlayRequest)]
                    if paused is not None:
                        self._pending.extend(replace(r, paused=paused) for r in held)
                    return
                backend = self._current
            self._speech_call(backend, method)
        except Exception:
            log.debug("could not %s", method, exc_info=True)

    def _speech_call(self, backend: _Backend, method: str, *args: Any) -> Any:
        """Call a speech method of ``backend`` if it has one (a backend that cannot speak may
        not); one that raises is left behind like a backend that failed to play."""
        call = getattr(backend, method, None)
        if call is None:
            return None
        try:
            return call(*args)
        except Exception as exc:
            self._backend_failed(backend, exc, True, [])
            return None

    # -- for the doctor and tests ------------------------------------------------------------------

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until a backend is chosen (the first probe is done); False on timeout."""
        return self._settled.wait(timeout)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until a backend is chosen and nothing is ringing on it; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())

        while True:
            if not self._quiet.wait(left()):
                return False
            backend = self._current
            if not backend.wait_idle(left()):
                return False
            with self._lock:
                if self._quiet.is_set() and backend is self._current:
                    return True

    # -- choosing a backend ------------------------------------------------------------------------

    def start(self, reason: str | None = None, *, background: bool = True) -> None:
        """Probe the backends from the first, in a daemon thread (or in this one). ``reason``
        says why sound is already off its best path (the bell files did not load)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        if background:
            self._search_in_background(generation, 0, reason)
        else:
            self._settle(generation, 0, reason)

    def _search_in_background(
        self, generation: int, index: int, reason: str | None
    ) -> threading.Thread:
        thread = threading.Thread(
            target=self._settle,
            args=(generation, index, reason),
            name="practice-tui-sound-fallback",
            daemon=True,
        )
        thread.start()
        return thread

    def _settle(self, generation: int, index: int, reason: str | None) -> None:
        """Find the first backend from ``index`` on that works, make it current, tell the app
        if sound moved because of a failure, then play what was waiting."""
        backend: _Backend | None = None
        while backend is None:
            name, factory = self._factories[index]
            self._candidate = name
            try:
                backend = factory(self._backend_failed)
                if backend is not None and not backend.probe():
                    self._record(name, getattr(backend, "failure", None) or "no device")
                    reason = reason or REASON_NO_DEVICE
                    backend = None
            except Exception as exc:
                log.debug("sound backend %s is unusable", name, exc_info=True)
                self._record(name, exc)
                reason = reason or REASON_NO_DEVICE
                backend = None
            if backend is None:
                index += 1  # the last factory (silent) always gives a backend that works
        with self._lock:
            if generation != self._generation:
                return
            self._index = index
            self._current = backend
            self._settled.set()
            waiting, self._pending = self._pending, []
        if reason is not None:
            self._notice(notice_for(reason, backend.name))
        log.debug("sound plays through %s", backend.name)
        with self._lock:
            preloads = list(self._preloads)
        if preloads:
            self._speech_call(backend, "preload_speech", preloads)
        for request in waiting:
            self._play_on(backend, request)
        with self._lock:
            if generation == self._generation:
                self._quiet.set()

    def _play_on(self, backend: _Backend, request: PlayRequest | SpeechRequest) -> None:
        try:
            if isinstance(request, PlayRequest):
                backend.play(request.bell, request.volume, request.strikes)
            else:
                self._speak_on(backend, request)
        except Exception as exc:  # backends do not raise, but a chain must not trust that
            self._backend_failed(backend, exc, True, [request])

    @staticmethod
    def _speak_on(backend: _Backend, request: SpeechRequest) -> None:
        """Start the speech on ``backend``, from where it had got to, paused if it was."""
        speak = getattr(backend, "speak", None)
        if speak is None:
            return  # the terminal bell and silence cannot speak
        if request.start_s > 0.0:
            speak(request.wav, request.volume, start_s=request.start_s)
        else:
            speak(request.wav, request.volume)
        if request.paused:
            backend.pause_speech()  # type: ignore[attr-defined]

    def _backend_failed(
        self,
        backend: object,
        exc: BaseException,
        had_worked: bool,
        pending: list[PlayRequest | SpeechRequest],
    ) -> None:
        """Called by a backend (often from its worker thread) when it can play no more."""
        with self._lock:
            if backend is not self._current or not self._settled.is_set():
                return  # a backend already left behind: nothing more to do
            self._generation += 1
            generation = self._generation
            self._settled.clear()
            self._quiet.clear()
            self._pending = [*pending, *self._pending][-MAX_PENDING:]
            index = self._index + 1
        self._record(getattr(backend, "name", "?"), exc)
        reason = REASON_STOPPED if had_worked else REASON_NO_DEVICE
        self._search_in_background(generation, index, reason)

    def _record(self, name: str, error: object) -> None:
        self.failures.append(BackendFailure(name, plain_backend_error(error)))


# -- opening a player --------------------------------------------------------------------------


def open_player(
    on_notice: NoticeCallback | None = None,
    *,
    prefer: Sequence[str] = BACKENDS,
    sounds_dir: Path | None = None,
    terminal_bell: Callable[[], None] | None = None,
    strike_gap_s: float = STRIKE_GAP_S,
    miniaudio_backends: Sequence[Any] | None = None,
) -> FallbackPlayer:
    """Return a player at once, without waiting for a sound device.

    The bells are decoded here, once. ``prefer`` lists backends by name, best first (see
    :data:`BACKENDS`); ``"silent"`` is always there at the end. The first backend is probed in
    a background thread, and plays wait for it. When a backend fails (that probe, or a later
    play), the next that works takes over and ``on_notice`` is called once, possibly from a
    worker thread; if the bell files cannot be loaded, it is called from this thread.

    ``terminal_bell`` rings the terminal's bell (the app passes ``App.bell``, made safe to call
    from a worker thread); without it the terminal backend is skipped. ``miniaudio_backends``
    is for tests (``[miniaudio.Backend.NULL]``).
    """
    silence_alsa_errors()
    folder = sounds_dir if sounds_dir is not None else bells_dir()
    wanted = list(prefer[: prefer.index("silent")] if "silent" in prefer else prefer)
    reason = None
    bells: dict[str, BellSound] = {}
    if any(name in _NEEDS_FILES for name in wanted):
        try:
            bells = load_bells(folder)
        except BellLoadError:
            log.debug("bell sounds not loaded", exc_info=True)
            reason = REASON_NO_BELLS
    factories: list[tuple[str, BackendFactory]] = []
    for name in wanted:
        factory = _factory(name, bells, terminal_bell, strike_gap_s, miniaudio_backends)
        if factory is not None:
            factories.append((name, factory))
    player = FallbackPlayer(factories, on_notice, bells=bells, sounds_dir=folder)
    if reason is not None:
        # Only the terminal bell and silence are left, and neither needs a probe: choose in
        # this thread, so the notice comes from here, before any play. (Never join a thread
        # here: the app's notice callback may wait for this very thread.)
        player.start(reason, background=False)
    else:
        player.start()
    return player


def _factory(
    name: str,
    bells: Mapping[str, BellSound],
    terminal_bell: Callable[[], None] | None,
    strike_gap_s: float,
    miniaudio_backends: Sequence[Any] | None,
) -> BackendFactory | None:
    if name == "miniaudio" and bells:

        def make_miniaudio(on_failure: Callable[..., None]) -> _Backend | None:
            from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

            return MiniaudioPlayer(
                bells, on_failure, backends=miniaudio_backends, strike_gap_s=strike_gap_s
            )

        return make_miniaudio
    if name == "simpleaudio" and bells:

        def make_simpleaudio(on_failure: Callable[..., None]) -> _Backend | None:
            from practice_tui.sound.simpleaudio_backend import SimpleaudioPlayer, import_simpleaudio

            module = import_simpleaudio()
            if module is None:
                return None  # the extra is not installed: not a failure, just not here
            return SimpleaudioPlayer(bells, module, on_failure, strike_gap_s=strike_gap_s)

        return make_simpleaudio
    if name == "terminal" and terminal_bell is not None:
        ring = terminal_bell

        def make_terminal(on_failure: Callable[..., None]) -> _Backend | None:
            from practice_tui.sound.terminal import TerminalBellPlayer

            return TerminalBellPlayer(ring, on_failure, strike_gap_s=strike_gap_s)

        return make_terminal
    if name not in BACKENDS:
        log.debug("unknown sound backend %r ignored", name)
    return None


# -- for `practice-tui doctor` -------------------------------------------------------------------


def describe_sound(player: object, timeout: float = 5.0) -> dict[str, Any]:
    """What `practice-tui doctor` shows about sound; waits up to ``timeout`` for the probe.

    Keys: ``backend`` (``"miniaudio"``, ...), ``system`` (miniaudio's own backend, e.g.
    ``"PulseAudio"``, or ``""``), ``device`` (``""`` when not known), ``bells`` (names
    decoded), ``sounds_dir``, ``failures`` (``"backend: why"`` for each backend left
    behind), and ``ready`` (False if the probe had not finished in time).
    """
    ready = True
    wait_ready = getattr(player, "wait_ready", None)
    if callable(wait_ready):
        ready = bool(wait_ready(timeout))
    backend = getattr(player, "backend", player)
    folder = getattr(player, "sounds_dir", None)
    return {
        "backend": str(getattr(player, "name", "")),
        "system": str(getattr(backend, "backend", None) or ""),
        "device": str(getattr(player, "device", "") or ""),
        "bells": list(getattr(player, "bells", ())),
        "sounds_dir": str(folder) if folder is not None else "",
        "failures": [f"{f.backend}: {f.error}" for f in getattr(player, "failures", [])],
        "ready": ready,
    }


def play_test_bell(
    player: object, timeout: float = 15.0, bell: str = DEFAULT_BELL, volume: float = 1.0
) -> bool:
    """Ring one bell and wait until it has finished (or ``timeout`` passed).

    True when it rang to the end through a sound backend (miniaudio or simpleaudio) with no
    failure on the way; False if it timed out, or sound fell back to the terminal bell or
    silence (``describe_sound`` then says why).
    """
    wait_ready = getattr(player, "wait_ready", None)
    if callable(wait_ready) and not wait_ready(timeout):
        return False
    failures_before = len(getattr(player, "failures", []))
    getattr(player, "play")(bell, volume)  # noqa: B009 - any BellPlayer, not only ours
    wait_idle = getattr(player, "wait_idle", None)
    finished = bool(wait_idle(timeout)) if callable(wait_idle) else True
    failed = len(getattr(player, "failures", [])) > failures_before
    return finished and not failed and getattr(player, "name", "") in ("miniaudio", "simpleaudio")
