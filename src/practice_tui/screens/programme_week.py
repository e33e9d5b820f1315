"""Which week of the programme the participant is in: asked once from Home, and in Settings.

The answer becomes the programme's start (``preferences.programme_start``), from which Home
marks "you are here" and progress counts programme weeks.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.journal.programme import (
    AFTER_THE_COURSE,
    PROGRAMME_WEEKS,
    programme_week_name,
    start_for_week,
)
from practice_tui.preferences import Preferences
from practice_tui.screens.base import BaseModalScreen

#: The answer for "I'm not following the course": no start, and never asked again.
NOT_FOLLOWING = 0


def with_programme_week(prefs: Preferences, today: date, number: int) -> Preferences:
    """The settings with today in programme week ``number`` (1 to 7), or with no programme
    for :data:`NOT_FOLLOWING`; either way the question has been answered."""
    if number == NOT_FOLLOWING:
        return prefs._replace(programme_start=None, programme_asked=True)
    start = start_for_week(today, number, prefs.programme_start)
    return prefs._replace(programme_start=start, programme_asked=True)


class ProgrammeWeekQuestion(BaseModalScreen[int | None]):
    """Week 1 to 6, after the course, or not following it; Escape asks again another time."""

    BINDINGS = [Binding("escape", "dismiss_question", "Not now", show=False)]

    def compose(self) -> ComposeResult:
        options = [
            Option(
                "Week 1 · I am starting now" if n == 1 else programme_week_name(n), id=f"week-{n}"
            )
            for n in range(1, PROGRAMME_WEEKS + 1)
        ]
        options += [
            Option("The course is over", id=f"week-{AFTER_THE_COURSE}"),
            Option("I am not following the course", id=f"week-{NOT_FOLLOWING}"),
        ]
        with Vertical(id="confirm"):
            yield Static(
                Content.assemble(("Which week of the programme are you in?", "bold")),
                classes="title",
            )
            yield Static(
                Content(
                    "Home then suggests that week's practice, and progress is counted by "
                    "programme week. You can change it in Settings."
                )
            )
            yield OptionList(*options, id="programme-weeks")
            yield Static(Content("Enter to choose · Escape for another time"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int((event.option_id or "week-0").removeprefix("week-")))

    def action_dismiss_question(self) -> None:
        self.dismiss(None)
