"""What every screen needs from the app, typed, without importing the app module at load."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from practice_tui.app import Services


def services(node: DOMNode) -> Services:
    """The app's services (course, journal, bells, clock) for any widget or screen."""
    return node.app.services  # type: ignore[attr-defined, no-any-return]
