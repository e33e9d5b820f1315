"""Messages the app sends to its screens. Here, not in the app module, so screens can handle
them without importing the app."""

from __future__ import annotations

from textual.message import Message


class JournalReady(Message):
    """The journal is open: screens that show what is in it can fill in."""
