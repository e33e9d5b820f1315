"""Practice: the words of the current phase, large and calm, with bells at each change.

The pacing screen underneath wakes, rings, stops and keeps the session; this screen chooses
the length and the way, builds the practice's timeline and draws the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from practice_tui.anchors import Anchor
from practice_tui.course import GROUNDING_ID, LengthError, Mode, Practice, PromptCard
from practice_tui.course.pages import SUPPORT_NOTE
from practice_tui.engine.engine import PacingEngine, State
from practice_tui.preferences import speaking_for
from practice_tui.screens.base import services
from practice_tui.screens.pacing import (
    REFLECT_BINDING,
    PacingScreen,
    SessionName,
    StopQuestion,
)
from practice_tui.screens.voice_work import find_speech, get_voice_ready
from practice_tui.sitting import sitting_name, sitting_timeline, spoken_plan
from practice_tui.widgets import ProgressLine
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import clock_time, duration, kept_sentence

if TYPE_CHECKING:
    from practice_tui.course.model import PlannedStep
    from practice_tui.speech import EngineStatus
    from practice_tui.speech.preparing import PreparedVoice, VoiceChoice

#: How long a new phase stays marked on screen (its frame and its line in the accent).
PHASE_MARK_SECONDS = 4.0
#: A voice that takes longer than this to get ready says so on the ready screen.
SLOW_VOICE_SECONDS = 0.5

# The reflection screen (and with it the text editor) is imported when the sit ends:
# `practice-tui play` opens on this screen, and would wait ~40 ms more for it.


class PracticeScreen(PacingScreen):
    """Choose a length, then follow the practice phase by phase."""

    # Read when this screen first opens: Home is drawn without it (benchmarks/startup.py).
    CSS_PATH = "practice.tcss"

    BINDINGS = [
        Binding("enter", "begin", "Begin", id="begin"),
        REFLECT_BINDING,
        Binding("left", "length(-1)", "Shorter", id="shorter"),
        Binding("right", "length(1)", "Longer", id="longer"),
        Binding("up", "mode(-1)", "Way", id="mode-up", show=False),
        Binding("down,tab", "mode(1)", "Way", id="mode"),
        Binding("space", "toggle_pause", "Pause / resume", id="pause"),
        Binding("n", "skip", "Next phase", id="skip"),
        Binding("g", "ground", "Ground (1 min)", id="ground"),
        Binding("v", "voice", "Voice on/off", id="voice"),
        Binding("s", "stop", "Stop", id="stop"),
        Binding("escape", "leave", "Back", id="leave"),
    ]

    def __init__(
        self,
        practice: Practice,
        minutes: int | None = None,
        mode: str | None = None,
        *,
        way_out: bool = False,
        voice: bool | None = None,
        anchor: Anchor | None = None,
    ) -> None:
        """``way_out``: this is the grounding practice, opened from inside another practice;
        it begins at once and, when it ends, returns to that practice instead of reflecting.
        ``voice``: spoken or not for this run only, whatever the settings say (``play --voice``
        or ``--no-voice``); None follows the settings. ``anchor``: likewise, the anchor for
        this run only (``play --anchor``)."""
        super().__init__()
        self.practice = practice
        self._mode_index = [m.id for m in practice.modes].index(mode or practice.default_mode.id)
        self._asked_minutes = minutes
        self._lengths: list[int] = []
        self._length_index = 0
        self._choose_lengths(minutes)
        self.way_out = way_out
        self._shown_step = -1
        self._shown_phase = 0
        #: When the current phase began on screen (None: no new phase to mark).
        self._phase_marked_at: float | None = None
        self._shown_text: dict[str, str] = {}
        self._voice_override = voice
        self._anchor_override = anchor
        #: The speech engines found; None until they have been looked for.
        self._speech: list[EngineStatus] | None = None
        #: When the voice began getting ready for this sitting (None: not getting ready).
        self._voice_since: float | None = None

    @property
    def minutes(self) -> int:
        return self._lengths[self._length_index]

    @property
    def mode(self) -> Mode:
        return self.practice.modes[self._mode_index]

    def _choose_lengths(self, minutes: int | None) -> None:
        """The mode's lengths, plus a length asked for on the command line if it fits."""
        lengths = list(self.mode.lengths)
        if minutes is not None and minutes not in lengths and self.mode.fits(minutes, anchor=None):
            lengths = sorted({*lengths, minutes})
        self._lengths = lengths
        self._length_index = lengths.index(minutes) if minutes in lengths else 0

    # ----------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        practice = self.practice
        yield Header()
        with Vertical(id="ready"):
            # Not focusable: ↑ ↓ choose the way, as the hint says, even when the words
            # above the choices are long enough to scroll (the mouse still scrolls them).
            with VerticalScroll(id="about", can_focus=False):
                yield Static(Content.assemble((practice.name, "bold $accent")), classes="title")
                yield Static(Content(practice.safety), classes="safety")
                if practice.turns_towards_difficulty:
                    yield Static(Content(SUPPORT_NOTE), classes="safety support-note")
                yield Static(Content(practice.summary), classes="summary")
                if practice.card is not None:
                    yield Static(prompt_card(practice.card), classes="summary prompt-card")
                yield Static(Content(practice.origin), classes="origin")
            with Vertical(id="choices"):
                if practice.has_modes:
                    yield Static(id="mode")
                yield Static(id="length")
                yield Static(id="anchor")
                yield Static(id="voice")
                hints: list[str | tuple[str, str]] = [
                    ("Enter", "bold $accent"),
                    " to begin · ",
                    ("← →", "bold $accent"),
                    " length",
                ]
                if practice.has_modes:
                    hints += [" · ", ("↑ ↓", "bold $accent"), " which way"]
                if self._grounding_available():
                    hints += [" · ", ("g", "bold $accent"), " a minute of grounding, any time"]
                yield Static(Content.assemble(*hints), classes="hint")
        with Vertical(id="running"):
            yield Static(id="words")
            yield Static(Content(practice.safety), id="safety-line")
            if practice.turns_towards_difficulty:
                yield Static(Content(SUPPORT_NOTE), id="support-line")
            with Horizontal(id="progress-row"):
                yield Static(id="phase")
                yield ProgressLine(id="progress")
                yield Static(id="time-left")
            with Center():
                yield Static(id="state")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.practice.name
        self.query_one("#running").display = False
        self._show_choices()
        self._show_anchor()
        known = services(self).speech_engines
        if known is not None and not self.way_out:
            self._speech = known  # looked for already this run: shown from the first frame
        self._show_voice()
        if self._speech is None:
            # After the first frame: looking loads the engines' modules (`play` opens here).
            self.call_after_refresh(find_speech, self, self._speech_found)

    def _grounding_available(self) -> bool:
        grounding = services(self).course.grounding
        return grounding is not None and grounding.id != self.practice.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense now, so the footer is never a puzzle."""
        running = self.running
        if action in ("begin", "length"):
            return self.engine is None
        if action == "mode":
            return self.engine is None and self.practice.has_modes
        if action in ("toggle_pause", "skip", "stop"):
            return running
        if action == "ground":
            return self._grounding_available() and (self.engine is None or running)
        if action == "voice":
            return self.engine is None and self._voice_found
        return super().check_action(action, parameters)

    def _show_choices(self) -> None:
        choices: list[str | tuple[str, str]] = []
        for index, minutes in enumerate(self._lengths):
            style = "reverse bold" if index == self._length_index else "dim"
            choices += [(f" {minutes} min ", style), "  "]
        self.query_one("#length", Static).update(Content.assemble("Length  ", *choices))
        if self.practice.has_modes:
            ways: list[str | tuple[str, str]] = []
            for index, mode in enumerate(self.practice.modes):
                style = "reverse bold" if index == self._mode_index else "dim"
                ways += [(f" {mode.name} ", style), "  "]
            ways += ["\n", (self.mode.summary, "")]
            self.query_one("#mode", Static).update(Content.assemble("Way     ", *ways))

    # ----------------------------------------------------------------------- anchor

    @property
    def anchor(self) -> Anchor:
        """Where this practice's words bring attention back to: ``play --anchor`` for this
        run, else the participant's choice (the default until they choose)."""
        return self._anchor_override or services(self).preferences.practice_anchor

    @property
    def _asks_anchor(self) -> bool:
        """Whether to ask for an anchor before beginning: the first practice of all (grounding
        begins at once, as a way out must, and ``play --anchor`` has answered already)."""
        prefs = services(self).preferences
        grounding = self.way_out or self.practice.id == GROUNDING_ID
        return prefs.anchor is None and self._anchor_override is None and not grounding

    def _show_anchor(self) -> None:
        if self._asks_anchor:
            line = Content.assemble("Anchor   ", ("you choose one as you begin", "dim"))
        else:
            line = Content.assemble(
                "Anchor   ", (self.anchor.phrase, "bold"), ("   change it in Settings (,)", "dim")
            )
        self.query_one("#anchor", Static).update(line)

    def _anchor_chosen(self, anchor: Anchor | None) -> None:
        """Keep the first choice of anchor, then begin; no choice, no beginning."""
        if anchor is None:
            return
        app = services(self)
        updated = app.preferences._replace(anchor=anchor)
        try:
            app.save_preferences(updated)
        except OSError as error:
            app.preferences = updated  # kept for this run at least
            app.on_notice(f"Your choice could not be saved: {error.strerror or error}.")
        self._show_anchor()
        self.action_begin()

    # ------------------------------------------------------------------------ voice

    @property
    def _voice_found(self) -> bool:
        return any(status.engine is not None for status in self._speech or ())

    @property
    def speaking(self) -> bool:
        """Whether this practice is to be spoken: a voice was found, and neither the command
        line, the ready screen's key nor Settings turned it off."""
        prefs = services(self).preferences
        return speaking_for(prefs, self.practice.id, self._voice_found, self._voice_override)

    @property
    def speech_engines(self) -> list[EngineStatus] | None:
        """The speech engines found (for ``prepare_voice(engines=...)``); None until looked
        for, which begins once the screen is drawn."""
        return self._speech

    @property
    def voice_choice(self) -> VoiceChoice | None:
        """The engine, voice and speed chosen in Settings, for ``prepare_voice``; None when
        this practice is not to be spoken."""
        if not self.speaking:
            return None
        # Here: the preparing module loads the engines, which `play` must not wait for.
        from practice_tui.speech.preparing import VoiceChoice

        prefs = services(self).preferences
        return VoiceChoice(prefs.voice_engine, prefs.voice, prefs.voice_speed)

    @property
    def voice_volume(self) -> float:
        """The speech channel's volume (0..1), apart from the bells'; 0 when muted."""
        return services(self).preferences.voice_gain

    def _speech_found(self, statuses: list[EngineStatus]) -> None:
        self._speech = statuses
        self._show_voice()
        self.refresh_bindings()
        if self.way_out:  # grounding begins at once, spoken too when there is a voice
            self.action_begin()

    def _show_voice(self) -> None:
        """Whether the voice is on, and the key that turns it on or off (an open-plan office)."""
        if self._speech is None:
            line = Content.assemble("Voice    ", ("looking for a voice…", "dim"))
        elif not self._voice_found:
            line = Content.assemble(
                "Voice    ", ("off: no voice was found on this computer", "dim")
            )
        else:
            on = self.speaking
            line = Content.assemble(
                "Voice   ",
                (" on ", "reverse bold" if on else "dim"),
                "  ",
                (" off ", "dim" if on else "reverse bold"),
                "   ",
                ("v", "bold $accent"),
                f" turns it {'off' if on else 'on'}",
            )
        self.query_one("#voice", Static).update(line)

    def on_screen_resume(self) -> None:
        """Back from Settings (or anywhere): the voice or the anchor may have changed there."""
        self._show_voice()
        self._show_anchor()

    def action_voice(self) -> None:
        """Turn the voice on or off for this practice, and remember it for next time."""
        if self.engine is not None or not self._voice_found:
            return
        app = services(self)
        updated = app.preferences.with_voice_for(self.practice.id, not self.speaking)
        self._voice_override = None  # the key is the newest word on it
        if problem := app.keep_preferences(updated):
            app.on_notice(f"Your choice could not be saved: {problem}.")
        self._show_voice()

    # ---------------------------------------------------------------------- actions

    def action_length(self, step: int) -> None:
        self._length_index = (self._length_index + step) % len(self._lengths)
        self._show_choices()

    def action_mode(self, step: int) -> None:
        if not self.practice.has_modes or self.engine is not None:
            return
        keep = self.minutes
        self._mode_index = (self._mode_index + step) % len(self.practice.modes)
        # The length carries over when the new way offers it (or it was asked for): a
        # one-minute way opens at its minute, not at the length of a longer way.
        offered = keep in self.mode.lengths or keep == self._asked_minutes
        fits = offered and self.mode.fits(keep, anchor=None)
        self._choose_lengths(keep if fits else self._asked_minutes)
        self._show_choices()

    def action_ground(self) -> None:
        """A way out at any moment: ground for a minute, then come back here. This practice
        holds meanwhile (as behind any screen) and carries on when the grounding ends."""
        grounding = services(self).course.grounding
        if grounding is None or not self._grounding_available():
            return
        self.app.push_screen(PracticeScreen(grounding, way_out=True))

    def action_begin(self) -> None:
        """Begin: at once without a voice; with one, once its words are rendered ahead."""
        if self.engine is not None or self._voice_since is not None:
            return
        if self._asks_anchor:
            from practice_tui.screens.anchor import AnchorQuestion

            self.app.push_screen(AnchorQuestion(), self._anchor_chosen)
            return
        choice = self.voice_choice
        if choice is None:
            self._start(None)
            return
        self._voice_since = services(self).clock.monotonic()
        self.refresh_bindings()
        self.set_timer(SLOW_VOICE_SECONDS, lambda: self._voice_progress(0, 0))
        get_voice_ready(
            self,
            self.mode.spoken_words(self.anchor),
            choice,
            ready=self._start,
            failed=self._voice_failed,
            progress=self._voice_progress,
        )

    def _voice_progress(self, done: int, total: int) -> None:
        """A quiet line, only when getting the voice ready takes more than a moment."""
        since = self._voice_since
        if since is None or services(self).clock.monotonic() - since < SLOW_VOICE_SECONDS:
            return
        count = f" ({done} of {total})" if total else ""
        self.query_one("#voice", Static).update(
            Content.assemble("Voice    ", (f"getting the words ready to be spoken…{count}", "dim"))
        )

    def _voice_failed(self, sentence: str) -> None:
        services(self).on_notice(f"{sentence} This time the words are shown, not spoken.")
        self._start(None)

    def _start(self, voice: PreparedVoice | None) -> None:
        """Plan the sitting (making room for the voice, if there is one) and begin it."""
        self._voice_since = None
        if self.engine is not None or not self.is_attached:
            return
        prefs = services(self).preferences
        cues = prefs.cue_every_step
        steps = self._spoken_plan(voice) if voice is not None else None
        if steps is None:
            steps = self.mode.plan(self.minutes, cue_every_step=cues, anchor=self.anchor)
        self.query_one("#ready").display = False
        self.query_one("#running").display = True
        preparation = 0 if self.way_out else prefs.preparation_seconds
        timeline = sitting_timeline(
            steps, prefs, preparation=preparation, speaking=self.speaker is not None
        )
        self.begin(timeline)

    def _spoken_plan(self, voice: PreparedVoice) -> list[PlannedStep] | None:
        """The plan with room for every spoken block, and the speaker that will say them;
        None (words shown, not spoken) if they cannot fit."""
        app = services(self)
        try:
            steps, self.speaker = spoken_plan(
                self.mode, self.minutes, app.preferences, voice, app.bells, anchor=self.anchor
            )
        except LengthError:
            app.on_notice(
                f"Spoken, {self.practice.name} needs longer than {self.minutes} minutes; "
                "this time its words are shown, not spoken."
            )
            return None
        return steps

    def action_skip(self) -> None:
        if self.engine is None or self.engine.is_over:
            return
        self.ring(self.engine.skip())
        self.wake()

    # ------------------------------------------------------------------ drawing

    def draw(self, engine: PacingEngine) -> None:
        """Redraw what changed, and only that: most seconds only the time left moves."""
        step = engine.current_step
        assert step is not None  # a practice always has words
        if engine.is_preparing:
            self._show("#words", "Settle in. The bell will mark the start.")
            self._show("#phase", f"Starting in {clock_time(engine.preparation_left())}")
        else:
            if engine.step_index != self._shown_step:
                self._shown_step = engine.step_index
                self._show("#words", step.words)
                self.query_one("#safety-line").display = engine.phase_number == 1
            phase = f"Phase {engine.phase_number} of {engine.phase_count} · {step.phase_title}"
            self._show("#phase", phase)
            self._mark_new_phase(engine)
        left = engine.time_left() or 0.0
        self._show("#time-left", f"{clock_time(left)} left", layout=False)
        self.query_one("#progress", ProgressLine).show(1 - left / (engine.planned_seconds or 1))
        paused = engine.state is State.PAUSED
        state = self.pause_line(engine)
        if engine.is_preparing and not paused:
            state = "n to start now"
        self._show("#state", state)
        self.set_class(paused and not self.held, "-paused")

    def _mark_new_phase(self, engine: PacingEngine) -> None:
        """A new phase shows at a glance, bell or no bell: the words' frame and the phase line
        take the accent for a few seconds (on the practice's own clock), and the title says
        which phase it is. Steady, never blinking: nothing moves, with or without motion."""
        now = services(self).clock.monotonic()
        if engine.phase_number != self._shown_phase:
            if self._shown_phase:  # the first phase begins with the start bell's own change
                self._phase_marked_at = now
            self._shown_phase = engine.phase_number
            self.sub_title = (
                f"{self.practice.name} · phase {engine.phase_number} of {engine.phase_count}"
            )
        since = self._phase_marked_at
        marked = since is not None and now - since < PHASE_MARK_SECONDS
        self.set_class(marked and engine.state is not State.PAUSED, "-new-phase")

    def draw_closing(self, engine: PacingEngine) -> None:
        """The end, calmly: the words give way to a line saying so, and the time practised."""
        self.query_one("#safety-line").display = False
        self._show(
            "#words",
            f"The practice has ended.\n\n{duration(engine.practised_seconds())} practised.",
        )
        self._show("#phase", "Take your time")
        self._show("#time-left", "", layout=False)
        self.query_one("#progress", ProgressLine).show(1.0)
        self._show("#state", "Enter to reflect, when you are ready")
        self.set_class(False, "-paused")
        self.set_class(False, "-new-phase")
        self.add_class("-closing")
        self.sub_title = f"{self.practice.name} · ended"

    @property
    def closes_calmly(self) -> bool:
        """A way out returns to its practice at once, which carries on."""
        return not self.way_out

    def _show(self, selector: str, text: str, *, layout: bool = True) -> None:
        """Update a line of text only when it has changed, so a quiet second stays quiet."""
        if self._shown_text.get(selector) != text:
            self._shown_text[selector] = text
            self.query_one(selector, Static).update(Content(text), layout=layout)

    # ------------------------------------------------------------------- the end

    def stop_question(self, engine: PacingEngine) -> StopQuestion:
        kept = kept_sentence(engine.practised_seconds(), "practised", "in your journal")
        return StopQuestion("Stop here?", kept)

    def session_name(self) -> SessionName:
        """The name kept in the journal: with the way it was done, where there are several."""
        name = sitting_name(self.practice, self.mode)
        return SessionName(self.practice.id, name, self.practice.week)

    def after_session(self) -> None:
        """The reflection; or, for a way out, back to the practice it came from."""
        if self.way_out:
            self.app.pop_screen()
            self.app.notify("Welcome back. The practice carries on; space pauses it, s stops it.")
            return
        from practice_tui.screens.reflect import ReflectScreen, Writing

        writing = Writing.after_practice(self.practice, self.record, self.mode)
        self.app.switch_screen(ReflectScreen(writing))


def prompt_card(card: PromptCard) -> Content:
    """A practice's card of prompts, to read before going into the room."""
    lines = [Content.assemble((card.title, "bold"))]
    lines += [Content.assemble(("• ", "$accent"), prompt) for prompt in card.prompts]
    return Content("\n").join(lines)
