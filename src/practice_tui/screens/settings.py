"""Settings: which bells ring, how loud, the voice, the anchor, how long to settle before a
practice, and the look (theme, motion).

Every change is kept at once (there is no Save to forget), and a change of bell or volume
plays the bell, so the participant hears what they chose.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Static

from practice_tui.anchors import ANCHORS
from practice_tui.journal.days import practice_day
from practice_tui.journal.programme import programme_week, programme_week_name, week_start
from practice_tui.journal.times import describe_day
from practice_tui.preferences import Preferences
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.programme_week import NOT_FOLLOWING, with_programme_week
from practice_tui.screens.voice_work import find_voices
from practice_tui.sound import available_bells
from practice_tui.themes import THEME_LABELS, motion_level
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.widgets.form_scroll import FormScroll
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.widgets.voice_settings import VOLUMES, EngineVoices, VoiceSettings

PREPARATIONS = [(f"{n} s", n) for n in (0, 5, 10, 15, 20, 30, 45, 60)]
STRIKES = [("once", 1), ("twice", 2), ("three times", 3)]
STREAK = [("shown", True), ("hidden", False)]
ON_OFF = [("on", True), ("off", False)]
PROGRAMME_WEEK = [("not set", None), *((str(n), n) for n in range(1, 7)), ("after", 7)]
PROGRESS_BY = [("programme week", "programme"), ("calendar week", "calendar")]
ANCHOR_CHOICES = [(anchor.label, anchor) for anchor in ANCHORS]
MOTION = [("gentle", False), ("reduced", True)]
THEME_CHOICES = [(label, name) for name, label in THEME_LABELS.items()]
DAY_ENDS = [("midnight", 0), *((str(hour), hour) for hour in range(1, 12)), ("noon", 12)]
#: Which preference each row sets, and whether changing it should ring a preview.
ROWS = {
    "volume": "volume",
    "muted": "muted",
    "start-bell": "start_bell",
    "phase-bell": "phase_bell",
    "cue-every-step": "cue_every_step",
    "end-bell": "end_bell",
    "interval-bell": "interval_bell",
    "interval-volume": "interval_volume",
    "preparation": "preparation_seconds",
    "start-strikes": "start_strikes",
    "end-strikes": "end_strikes",
    "show-streak": "show_streak",
    "day-ends-at": "day_ends_at",
    "progress-by": "progress_by",
    "voice-speed": "voice_speed",
    "voice-volume": "voice_volume",
    "anchor": "anchor",
    "reduced-motion": "reduced_motion",
}


def bell_label(name: str) -> str:
    return name.replace("-", " ")


class SettingsScreen(BaseScreen[None]):
    #: Already here: the settings key would only confuse.
    allows_settings = False

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        # Before the scrolling container's own ↑ ↓, which would scroll rather than move on
        # when the rows do not fit (a small terminal); focus scrolls the row into view.
        Binding("up", "app.focus_previous", "Up", show=False, priority=True),
        Binding("down", "app.focus_next", "Down", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        prefs = services(self).preferences
        bells = [(bell_label(name), name) for name in available_bells()]
        cues = [(bell_label(name), name) for name in available_bells(include_cue=True)]
        yield Header()
        with FormScroll(id="settings"):
            yield Static(Content.assemble(("Settings", "bold $accent")), classes="title")
            yield Static(
                Content("↑ ↓ move · ← → change · every change is kept at once"),
                classes="hint",
            )
            yield Static("Sound", classes="section-title")
            yield ChoiceRow("Volume", VOLUMES, prefs.volume, id="volume", label_width=18)
            yield ChoiceRow(
                "Sound", [("on", False), ("muted", True)], prefs.muted, id="muted", label_width=18
            )
            yield ChoiceRow("Start bell", bells, prefs.start_bell, id="start-bell", label_width=18)
            yield ChoiceRow(
                "Change of phase", cues, prefs.phase_bell, id="phase-bell", label_width=18
            )
            yield ChoiceRow(
                "Cue each new step",
                ON_OFF,
                prefs.cue_every_step,
                id="cue-every-step",
                label_width=18,
            )
            yield Static(
                Content(
                    "Without a voice, the cue rings whenever new words appear, "
                    "not only at a new phase."
                ),
                classes="hint",
            )
            yield ChoiceRow("End bell", bells, prefs.end_bell, id="end-bell", label_width=18)
            yield ChoiceRow(
                "Start bell rings", STRIKES, prefs.start_strikes, id="start-strikes", label_width=18
            )
            yield ChoiceRow(
                "End bell rings", STRIKES, prefs.end_strikes, id="end-strikes", label_width=18
            )
            yield Static("Voice", classes="section-title")
            yield VoiceSettings(id="voice-settings")
            yield Static("Practices", classes="section-title")
            yield ChoiceRow(
                "Anchor", ANCHOR_CHOICES, prefs.practice_anchor, id="anchor", label_width=18
            )
            yield Static(
                Content(
                    "Where your attention comes back to in every practice, whenever you like. "
                    "If the breath is not comfortable for you, choose another."
                ),
                classes="hint",
            )
            yield Static("Timer", classes="section-title")
            yield ChoiceRow(
                "Interval bell", bells, prefs.interval_bell, id="interval-bell", label_width=18
            )
            yield ChoiceRow(
                "Interval volume",
                VOLUMES,
                prefs.interval_volume,
                id="interval-volume",
                label_width=18,
            )
            yield Static("Before a practice or the timer", classes="section-title")
            yield ChoiceRow(
                "Time to settle",
                PREPARATIONS,
                prefs.preparation_seconds,
                id="preparation",
                label_width=18,
            )
            yield Static("Look", classes="section-title")
            yield ChoiceRow("Theme", THEME_CHOICES, self.app.theme, id="theme", label_width=18)
            yield ChoiceRow(
                "Motion", MOTION, prefs.reduced_motion, id="reduced-motion", label_width=18
            )
            yield Static(
                Content("Reduced: nothing slides or fades; a new phase is marked all the same."),
                classes="hint",
            )
            yield Static("Progress", classes="section-title")
            yield ChoiceRow(
                "Programme week",
                PROGRAMME_WEEK,
                self._programme_week(prefs),
                id="programme-week",
                label_width=18,
            )
            yield Static(self._programme_hint(prefs), id="programme-hint", classes="hint")
            yield ChoiceRow(
                "Count progress by",
                PROGRESS_BY,
                prefs.progress_by,
                id="progress-by",
                label_width=18,
            )
            yield ChoiceRow("Streak", STREAK, prefs.show_streak, id="show-streak", label_width=18)
            yield ChoiceRow(
                "A day ends at", DAY_ENDS, prefs.day_ends_at, id="day-ends-at", label_width=18
            )
            yield Static(
                Content("Practice before this hour of the morning counts for the day before."),
                classes="hint",
            )
            yield Static(id="settings-problem", classes="problem-line")
        yield KeyFooter()

    def __init__(self, focus: str = "volume") -> None:
        """``focus``: the id of the row to begin at (the palette opens Settings at one)."""
        super().__init__()
        self._first_row = focus

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        rows = self.query(f"#{self._first_row}") or self.query("#volume")
        rows.first().focus()
        find_voices(self, self._voices_found)

    def _today(self, prefs: Preferences) -> date:
        return practice_day(services(self).clock.wall(), prefs.day_ends_at)

    def _programme_week(self, prefs: Preferences) -> int | None:
        start = prefs.programme_start
        return None if start is None else programme_week(start, self._today(prefs)) or None

    def _programme_hint(self, prefs: Preferences) -> Content:
        start = prefs.programme_start
        if start is None:
            return Content("Say which week of the six you are in, to count progress by it.")
        number = programme_week(start, self._today(prefs))
        first = week_start(start, max(1, number))
        began = describe_day(first, weekday=True, year=False)
        if number == 0:
            return Content(f"The programme begins on {began}.")
        return Content(f"{programme_week_name(number)} began on {began}.")

    def _voices_found(self, found: EngineVoices) -> None:
        self.query_one(VoiceSettings).show_found(found, services(self).preferences)

    def on_choice_row_changed(self, event: ChoiceRow.Changed) -> None:
        row_id = event.row.id or ""
        app = services(self)
        if row_id == "theme":
            self.app.theme = event.value  # the app keeps it, whoever changes it
            return
        if row_id == "voice-on":
            updated = app.preferences.with_voice_on(event.value)
        elif row_id == "voice-choice":
            engine, voice = event.value
            updated = app.preferences._replace(voice_engine=engine, voice=voice)
        elif row_id == "programme-week":
            today = self._today(app.preferences)
            updated = with_programme_week(app.preferences, today, event.value or NOT_FOLLOWING)
        elif row_id in ROWS:
            updated = app.preferences._replace(**{ROWS[row_id]: event.value})
        else:
            return
        if problem := app.keep_preferences(updated):
            self.query_one("#settings-problem", Static).update(
                Content(f"Your settings could not be saved: {problem}.")
            )
        self._preview(row_id, updated)
        if row_id == "programme-week":
            self.query_one("#programme-hint", Static).update(self._programme_hint(updated))
        self.app.animation_level = motion_level(updated.reduced_motion)

    def _preview(self, row_id: str, prefs: Preferences) -> None:
        """Let the participant hear a change of bell or volume straight away."""
        bells = services(self).bells
        if row_id in ("volume", "start-bell", "muted") and prefs.bell_gain > 0:
            bells.play(prefs.start_bell, prefs.bell_gain)
        elif row_id in ("phase-bell", "end-bell") and prefs.bell_gain > 0:
            bells.play(getattr(prefs, ROWS[row_id]), prefs.bell_gain)
        elif row_id == "cue-every-step" and prefs.cue_every_step and prefs.bell_gain > 0:
            bells.play(prefs.phase_bell, prefs.bell_gain)  # the cue it turns on
        elif row_id in ("interval-bell", "interval-volume") and prefs.interval_gain > 0:
            bells.play(prefs.interval_bell, prefs.interval_gain)
