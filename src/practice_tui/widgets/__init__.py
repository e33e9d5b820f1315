"""Reusable widgets."""

from practice_tui.widgets.progress_line import ProgressLine

__all__ = ["ProgressLine"]
