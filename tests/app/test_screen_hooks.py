"""Every screen answers the app's questions through typed hooks; screens/ holds only screens."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.screen import Screen
from textual.widget import Widget

import practice_tui.screens
from practice_tui.screens.base import DEFAULT_HOOKS, ScreenHooks, hooks_of


def classes_in_screens() -> list[type]:
    found: list[type] = []
    for info in pkgutil.iter_modules(practice_tui.screens.__path__):
        module = importlib.import_module(f"practice_tui.screens.{info.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__
        ]
    return found


def test_every_screen_inherits_the_hooks() -> None:
    screens = [cls for cls in classes_in_screens() if issubclass(cls, Screen)]
    assert len(screens) >= 20
    assert [cls.__name__ for cls in screens if not issubclass(cls, ScreenHooks)] == []


def test_screens_holds_no_widgets_but_screens() -> None:
    widgets = [
        cls.__name__
        for cls in classes_in_screens()
        if issubclass(cls, Widget) and not issubclass(cls, Screen)
    ]
    assert widgets == []


def test_a_screen_that_is_not_ours_gets_the_usual_answers() -> None:
    foreign = Screen[None]()
    hooks = hooks_of(foreign)
    assert hooks is DEFAULT_HOOKS
    assert (hooks.allows_journal, hooks.allows_help, hooks.allows_settings) == (True, True, True)
    assert hooks.unsaved_work() is None
