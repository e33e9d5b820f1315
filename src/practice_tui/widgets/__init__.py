"""Reusable widgets."""

from practice_tui.widgets.home_tasks import HomeTaskGrid, TaskRow
from practice_tui.widgets.progress_line import ProgressLine

__all__ = ["HomeTaskGrid", "ProgressLine", "TaskRow"]
