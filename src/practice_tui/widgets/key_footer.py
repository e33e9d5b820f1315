"""The keys a screen accepts, read from its bindings: the footer shows those that fit whole,
and ``?`` lists them all (the keys overlay), so a key is never only in the README.

Both read the same list, made from the screen's ``active_bindings`` (its own ``BINDINGS``,
the focused widget's and the app's), so neither can drift from what the keys really do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.keys import format_key
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: The action of the key that lists every key; the footer always keeps room for it.
KEYS_ACTION = "keys"

#: Keys named as a person reads them on the keyboard (Textual shows ⏎, ^s, pgup).
KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "delete": "Del",
    "backspace": "Backspace",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}

#: Textual's own screen keys (focus the next box, copy): listed with the widgets' keys.
TEXTUAL_SCREEN_ACTIONS = frozenset(
    binding.action for binding in Screen.BINDINGS if isinstance(binding, Binding)
)

Where = Literal["screen", "app", "widget"]


def key_name(binding: Binding) -> str:
    """``Ctrl+S``, ``Esc``, ``Shift+Tab``, ``?``, ``F1``."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    name = KEY_NAMES.get(key) or format_key(key)
    if (modifiers and len(name) == 1) or (name.lower().startswith("f") and name[1:].isdigit()):
        name = name.upper()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), name])


@dataclass(frozen=True)
class KeyEntry:
    """One thing a key does on a screen: every key that does it, and what it does."""

    keys: tuple[str, ...]
    """How each key is shown (``Esc``, ``?``, ``^s``), in the order they are bound."""
    description: str
    action: str
    binding: Binding
    enabled: bool
    where: Where
    """Bound by the screen itself, by the app (so it works on every screen, unless the
    screen says not now), or by the focused widget (moving in a list, typing in a box)."""

    @property
    def key_text(self) -> str:
        return " / ".join(self.keys)


def screen_keys(screen: Screen[object]) -> list[KeyEntry]:
    """Every key the screen accepts now, one entry an action, in the order of the footer.

    A binding the screen hides for now (its ``check_action`` says False) is left out; one it
    greys out (None) is kept, not enabled. Textual's own system keys are left out."""
    by_action: dict[tuple[str, str], KeyEntry] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        slot = (binding.action, binding.description)
        shown = key_name(binding)
        entry = by_action.get(slot)
        if entry is None:
            where = _where(screen, active.node, binding)
            by_action[slot] = KeyEntry(
                (shown,), binding.description, binding.action, binding, active.enabled, where
            )
        elif shown not in entry.keys:
            by_action[slot] = replace(entry, keys=(*entry.keys, shown))
    order: tuple[Where, ...] = ("screen", "app", "widget")
    # The app's keys in the order its own BINDINGS give them (Textual's Quit comes first).
    declared = [b.action for b in type(screen.app).BINDINGS if isinstance(b, Binding)]

    def rank(entry: KeyEntry) -> tuple[int, int]:
        where = order.index(entry.where)
        if entry.where != "app" or entry.action not in declared:
            return where, -1
        return where, declared.index(entry.action)

    return sorted(by_action.values(), key=rank)


def _where(screen: Screen[object], node: object, binding: Binding) -> Where:
    if node is screen.app:
        return "app"
    if node is screen and binding.action not in TEXTUAL_SCREEN_ACTIONS:
        return "screen"
    return "widget"


def footer_width(entry: KeyEntry) -> int:
    """The cells a key takes in the footer: `` key description ``."""
    return cell_len(entry.keys[0]) + cell_len(entry.description) + 3


def fitting(entries: list[KeyEntry], width: int) -> list[KeyEntry]:
    """The shown keys that fit whole in ``width`` cells, in order, skipping any that would be
    cut (a later, shorter one may still fit). The keys-list key always has its room."""
    more = [entry for entry in entries if entry.action.endswith(KEYS_ACTION)]
    room = width - sum(footer_width(entry) for entry in more[:1])
    chosen: list[KeyEntry] = []
    # The focused widget's own shown key (Enter opens the entry) comes first.
    ordered = sorted(entries, key=lambda entry: entry.where != "widget")
    for entry in ordered:
        if entry in more or not entry.binding.show:
            continue
        if footer_width(entry) <= room:
            chosen.append(entry)
            room -= footer_width(entry)
    return chosen + more[:1]


class KeyFooter(Footer):
    """Textual's footer, but a key is either shown whole or left to the ``?`` list: at 80
    columns no word is cut in half."""

    DEFAULT_CSS = """
    KeyFooter FooterKey.-keys-list {
        dock: right;
    }
    """

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        for entry in fitting(screen_keys(self.screen), width):
            is_list = entry.action.endswith(KEYS_ACTION)
            yield FooterKey(
                entry.binding.key,
                entry.keys[0],
                entry.description,
                entry.binding.action,
                disabled=not entry.enabled,
                tooltip=entry.binding.tooltip,
                classes="-keys-list" if is_list else "",
            ).data_bind(compact=Footer.compact)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)
