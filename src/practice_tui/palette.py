"""The command palette (Ctrl+P, Textual's own): every practice, week, exercise, journal view,
export and setting, found by a few letters ("walk" finds the Walking practice).

The commands are plain data: ``COMMAND_GROUPS`` holds one function a group, each giving the
group's commands for the app; add a function to add a group (themes, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen

from practice_tui.journal.query import NO_WEEK, EntryQuery
from practice_tui.screens.base import hooks_of

if TYPE_CHECKING:
    from practice_tui.services import Services


class PracticeApp(Protocol):
    """What the commands use of the app (the app module imports this one, not back)."""

    services: Services
    screen: Any
    theme: str

    def push_screen(self, screen: Any) -> Any: ...
    def action_open_journal(self) -> None: ...
    def action_open_export(self) -> None: ...
    def action_settings(self) -> None: ...
    def action_help(self) -> None: ...
    async def action_quit(self) -> None: ...


@dataclass(frozen=True)
class PaletteCommand:
    """One line of the palette: what it is called, a sentence of help, what it does."""

    name: str
    help: str
    run: Callable[[], object]


CommandGroup = Callable[[PracticeApp], Iterable[PaletteCommand]]

#: The settings a command opens Settings at: the row's label and its id on the screen.
SETTINGS_ROWS = (
    ("Volume", "volume"),
    ("Sound on or muted", "muted"),
    ("Start bell", "start-bell"),
    ("Change of phase bell", "phase-bell"),
    ("Cue each new step", "cue-every-step"),
    ("End bell", "end-bell"),
    ("Start bell rings", "start-strikes"),
    ("End bell rings", "end-strikes"),
    ("Voice on or off", "voice-on"),
    ("Which voice", "voice-choice"),
    ("Voice speed", "voice-speed"),
    ("Voice volume", "voice-volume"),
    ("Interval bell", "interval-bell"),
    ("Interval volume", "interval-volume"),
    ("Time to settle", "preparation"),
    ("Anchor: where attention comes back to", "anchor"),
    ("Theme", "theme"),
    ("Motion (reduced or not)", "reduced-motion"),
    ("Streak", "show-streak"),
    ("A day ends at", "day-ends-at"),
    ("Programme week: when you started the course", "programme-week"),
    ("Count progress by programme or calendar weeks", "progress-by"),
)


def programme(app: PracticeApp) -> Iterable[PaletteCommand]:
    """The six weeks, every practice and every exercise."""
    from practice_tui.screens.practice import PracticeScreen
    from practice_tui.screens.reflect import ReflectScreen, Writing
    from practice_tui.screens.week import WeekScreen

    course = app.services.course
    for week in course.weeks:
        yield PaletteCommand(
            f"Week {week.number}: {week.title}",
            "Open the week: what it is about, its practices and home tasks",
            partial(lambda w: app.push_screen(WeekScreen(w)), week),
        )
    for practice in course.practices.values():
        yield PaletteCommand(
            f"Practice: {practice.name}",
            "Choose a length and begin",
            partial(lambda p: app.push_screen(PracticeScreen(p)), practice),
        )
    for exercise in course.exercises.values():
        yield PaletteCommand(
            f"Exercise: {exercise.name}",
            "Write this reflective exercise",
            partial(lambda e: app.push_screen(ReflectScreen(Writing.exercise(e))), exercise),
        )


def _journal_view(app: PracticeApp, query: EntryQuery, *, trash: bool = False) -> None:
    from practice_tui.screens.journal import JournalScreen

    screen = JournalScreen()
    screen.query_filters = query
    app.push_screen(screen)
    if trash:
        screen.call_after_refresh(screen.action_toggle_trash)


def journal(app: PracticeApp) -> Iterable[PaletteCommand]:
    """The journal and its views, and export."""
    view = partial(_journal_view, app)
    yield PaletteCommand(
        "Journal: every entry", "Your journal, by programme week", app.action_open_journal
    )
    yield PaletteCommand(
        "Journal: starred entries",
        "Only the entries you starred",
        partial(view, EntryQuery(starred=True)),
    )
    for week in app.services.course.weeks:
        yield PaletteCommand(
            f"Journal: week {week.number} entries",
            f"What you wrote in week {week.number}",
            partial(view, EntryQuery(week=week.number)),
        )
    yield PaletteCommand(
        "Journal: notes not tied to a week",
        "Entries tied to no programme week",
        partial(view, EntryQuery(week=NO_WEEK)),
    )
    yield PaletteCommand(
        "Journal: trash",
        "Entries you moved to the trash, to restore or delete for good",
        partial(view, EntryQuery(), trash=True),
    )
    yield PaletteCommand(
        "Export: journal to a file",
        "Markdown, HTML, JSON or CSV, with filters",
        app.action_open_export,
    )


def _settings_at(app: PracticeApp, row: str) -> None:
    from practice_tui.screens.settings import SettingsScreen

    app.push_screen(SettingsScreen(focus=row))


def places(app: PracticeApp) -> Iterable[PaletteCommand]:
    """Settings (each one), the timer and its presets, progress, next steps, help."""
    from practice_tui.screens.actions import ActionsScreen
    from practice_tui.screens.progress import ProgressScreen
    from practice_tui.screens.timer import TimerScreen

    yield PaletteCommand(
        "Settings", "Sound, voice, timer and progress settings", app.action_settings
    )
    for label, row in SETTINGS_ROWS:
        yield PaletteCommand(
            f"Setting: {label}", "Open Settings at this one", partial(_settings_at, app, row)
        )
    yield PaletteCommand(
        "Timer", "A plain timer with bells", lambda: app.push_screen(TimerScreen())
    )
    for preset in app.services.preferences.timer_presets:
        yield PaletteCommand(
            f"Timer: {preset.name}",
            "Begin this timer preset",
            partial(lambda p: app.push_screen(TimerScreen(p, begin_at_once=True)), preset),
        )
    yield PaletteCommand(
        "Progress",
        "Minutes and sessions by week, and the days you practised",
        lambda: app.push_screen(ProgressScreen()),
    )
    yield PaletteCommand(
        "Next steps", "The actions you wrote, to tick off", lambda: app.push_screen(ActionsScreen())
    )
    yield PaletteCommand(
        "Help", "The keys, what to do if a practice stirs things up, support", app.action_help
    )
    yield PaletteCommand(
        "Quit", "Leave practice-tui (asks first if writing is unsaved)", app.action_quit
    )


def looks(app: PracticeApp) -> Iterable[PaletteCommand]:
    """Each theme, chosen at once (and kept for next time, as from Settings)."""
    from practice_tui.themes import THEME_LABELS

    def choose(name: str) -> None:
        app.theme = name

    for name, label in THEME_LABELS.items():
        yield PaletteCommand(
            f"Theme: {label}", "Change how practice-tui looks", partial(choose, name)
        )


#: Every group of commands, in the order the palette lists them before anything is typed.
COMMAND_GROUPS: list[CommandGroup] = [programme, journal, places, looks]


def palette_commands(app: PracticeApp) -> list[PaletteCommand]:
    return [command for group in COMMAND_GROUPS for command in group(app)]


class PracticeCommands(Provider):
    """Textual's palette, with practice-tui's commands."""

    @property
    def commands(self) -> list[PaletteCommand]:
        app: PracticeApp = self.app  # type: ignore[assignment]
        return palette_commands(app)

    async def discover(self) -> Hits:
        for command in self.commands:
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands:
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)


def palette_allowed(app: PracticeApp) -> bool:
    """Not in the middle of a practice or over a dialog: a stray Ctrl+P must not break a sit."""
    return hooks_of(app.screen).allows_journal and not isinstance(app.screen, ModalScreen)
