"""Actions: the next steps written in week 6, to tick off as they are done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.journal import Action
from practice_tui.screens.base import BaseScreen
from practice_tui.screens.journal_work import read_journal, write_journal
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import literal, when


def action_prompt(action: Action) -> Content:
    mark = ("✓ ", "$success") if action.done else ("○ ", "$accent")
    done = f" · done {when(action.done_at)}" if action.done_at else ""
    return Content.assemble(
        mark,
        (literal(action.text), "dim strike" if action.done else ""),
        (f"\n  written {when(action.created_at)}{done}", "dim"),
    )


class ActionsScreen(BaseScreen[None]):
    """Space or Enter ticks an action off (or back on)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("space", "toggle", "Done / not done", id="toggle"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble(("Next steps", "bold $accent")), classes="title")
        yield OptionList(id="actions")
        yield Static(id="empty", classes="hint")
        yield KeyFooter()

    _actions: dict[str, Action] = {}

    def on_mount(self) -> None:
        self.sub_title = "Next steps"
        self._load()

    def _load(self, keep: str | None = None) -> None:
        read_journal(
            self,
            lambda journal: journal.tasks.actions(),
            lambda actions: self._show(actions, keep),
            group="actions",
            exclusive=True,
        )

    def _show(self, actions: list[Action], keep: str | None) -> None:
        self._actions = {action.id: action for action in actions}
        listing = self.query_one("#actions", OptionList)
        listing.clear_options()
        listing.add_options(Option(action_prompt(a), id=a.id) for a in actions)
        listing.display = bool(actions)
        self.query_one("#empty", Static).update(
            ""
            if actions
            else "No actions yet. The Next steps exercise in week 6 is where you write them."
        )
        if actions:
            ids = [a.id for a in actions]
            listing.highlighted = ids.index(keep) if keep in ids else 0
            listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_toggle()

    def action_toggle(self) -> None:
        listing = self.query_one("#actions", OptionList)
        if listing.highlighted is None:
            return
        action_id = listing.get_option_at_index(listing.highlighted).id
        current = self._actions.get(action_id) if action_id is not None else None
        if action_id is None or current is None:
            return
        done = not current.done
        write_journal(
            self,
            lambda journal: journal.tasks.set_action_done(action_id, done),
            lambda _: self._load(keep=action_id),
        )
