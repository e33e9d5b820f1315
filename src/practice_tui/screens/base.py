"""The base of every screen: what the app asks of the screen on view, typed, with the answers
most screens give; and the services, without importing the app module."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from practice_tui.services import Services

ResultT = TypeVar("ResultT")


class ScreenHooks:
    """What the app asks the screen on view before it acts on a global key or quits.

    A screen answers by overriding these: with a class attribute (``allows_help = False``)
    when the answer never changes, or a property when it depends on what is happening.
    """

    @property
    def allows_journal(self) -> bool:
        """Whether the journal and export keys (and settings) may lead away from here: not
        while a practice plays, nor over a screen about the journal itself."""
        return True

    @property
    def allows_help(self) -> bool:
        """Whether the help key opens help over this screen."""
        return True

    @property
    def allows_settings(self) -> bool:
        """Whether the settings key opens settings over this screen."""
        return True

    def unsaved_work(self) -> str | None:
        """Asked before quitting: what would be lost, in a sentence; None if nothing."""
        return None

    def keep_draft(self) -> None:
        """Asked when the person quits anyway: keep what they wrote as a draft."""


#: The answers for a screen that is not one of ours (Textual's own, such as its key panel).
DEFAULT_HOOKS = ScreenHooks()


def hooks_of(screen: Screen[object]) -> ScreenHooks:
    """The screen's own hooks, or the usual answers for a screen that has none."""
    return screen if isinstance(screen, ScreenHooks) else DEFAULT_HOOKS


class BaseScreen(ScreenHooks, Screen[ResultT]):
    """A full screen of practice-tui."""


class BaseModalScreen(ScreenHooks, ModalScreen[ResultT]):
    """A dialog of practice-tui, over the screen it was opened from."""


def services(node: DOMNode) -> Services:
    """The app's services (course, journal, bells, clock) for any widget or screen."""
    return node.app.services  # type: ignore[attr-defined, no-any-return]
