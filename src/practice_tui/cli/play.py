"""``practice-tui play`` and ``practice-tui timer``: the app opened straight on a sit."""

from __future__ import annotations

import gc
import math
import sys
from typing import TYPE_CHECKING, Any

import click

from practice_tui.anchors import ANCHORS, Anchor
from practice_tui.cli.context import explained, load_course, open_journal, run_app
from practice_tui.paths import resolve_paths
from practice_tui.start import StartAt

#: ``--minutes``: whole minutes, a day at most.
_MINUTES = click.IntRange(1, 24 * 60)


class _Interval(click.FloatRange):
    """``--interval``: minutes between bells, a real number (never ``nan`` or ``inf``)."""

    def __init__(self) -> None:
        super().__init__(min=0.25, max=24 * 60)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value} is not a number of minutes", param, ctx)
        return super().convert(number, param, ctx)


if TYPE_CHECKING:
    from practice_tui.course import Practice


@click.command()
@click.argument("practice_id")
@click.option("--minutes", type=_MINUTES, help="How long, in whole minutes.")
@click.option("--mode", help="Which way to do it, for practices with more than one.")
@click.option(
    "--voice/--no-voice",
    default=None,
    help="Speak the words, or not, this time only (Settings keep the usual choice).",
)
@click.option(
    "--anchor",
    type=click.Choice([anchor.value for anchor in ANCHORS], case_sensitive=False),
    help="Where attention comes back to, this time only (Settings keep the usual choice).",
)
@click.option(
    "--plain",
    is_flag=True,
    help="Lines of text, no screen: each step printed at its time, then the questions "
    "asked one by one (for screen readers, plain terminals and pipes).",
)
@click.pass_context
def play(
    ctx: click.Context,
    practice_id: str,
    minutes: int | None,
    mode: str | None,
    voice: bool | None,
    anchor: str | None,
    plain: bool,
) -> None:
    """Open the app straight on a practice (handy for a shell alias).

    With --plain, no screen is drawn: the practice is printed line by line, as it goes.
    """
    with explained():
        course = load_course(ctx)
    if practice_id not in course.practices:
        known = ", ".join(sorted(course.practices))
        raise click.BadParameter(
            f"no practice called {practice_id!r}; try one of: {known}", param_hint="PRACTICE_ID"
        )
    practice = course.practice(practice_id)
    modes = [m.id for m in practice.modes]
    if mode is not None and mode not in modes:
        raise click.BadParameter(
            f"{practice.name} can be done as: {', '.join(modes)}", param_hint="--mode"
        )
    if minutes is not None and not practice.fits(minutes, mode):
        raise click.BadParameter(
            f"{practice.name} needs at least {practice.minimum_minutes(mode)} minutes "
            "for its words",
            param_hint="--minutes",
        )
    anchor = anchor.lower() if anchor else None
    if draws_screens(plain):
        start = StartAt(
            practice_id, minutes, mode, voice=voice, anchor=anchor, return_to_shell=True
        )
        run_app(ctx, start)
    else:
        play_plainly(ctx, course.practice(practice_id), minutes, mode, voice, anchor)


def draws_screens(plain: bool) -> bool:
    """Whether ``play`` opens the app (and so needs a terminal). With --plain it does not:
    it works in a pipe and under a screen reader, with no terminal at all."""
    return not plain


def play_plainly(
    ctx: click.Context,
    practice: Practice,
    minutes: int | None,
    mode_id: str | None,
    voice: bool | None,
    anchor: str | None = None,
) -> None:
    """``play --plain``: the practice as lines of text, then the questions on standard input."""
    gc.freeze()  # started (see ``launch.main``): the collector back on for a practice's length
    gc.enable()
    # Here, not at the top: the app's own `play` never loads them.
    from practice_tui.cli import plain
    from practice_tui.preferences import load_preferences, preferences_path

    paths = resolve_paths(ctx.obj.get("data_dir"))
    prefs, problem = load_preferences(preferences_path(paths))
    if problem:
        click.echo(problem)
    mode = practice.mode(mode_id)
    with explained():
        journal = open_journal(ctx)
        plain.PlainPractice(
            practice,
            mode,
            minutes or mode.lengths[0],
            prefs,
            plain.surroundings(paths),
            sys.stdout,
            sys.stdin,
            paths,
            voice=voice,
            anchor=Anchor(anchor) if anchor else None,
        ).run(journal)


@click.command()
@click.option("--minutes", type=_MINUTES, help="How long, in whole minutes.")
@click.option("--open-ended", is_flag=True, help="Count up until you stop.")
@click.option(
    "--interval",
    type=_Interval(),
    help="A bell every this many minutes (a quarter of a minute at least).",
)
@click.pass_context
def timer(
    ctx: click.Context, minutes: int | None, open_ended: bool, interval: float | None
) -> None:
    """A plain meditation timer with interval bells.

    With --minutes or --open-ended it begins at once (after the time to settle); with neither
    it opens the timer screen to choose.
    """
    if minutes is not None and open_ended:
        raise click.UsageError("choose --minutes or --open-ended, not both")
    if interval is not None and minutes is not None and interval >= minutes:
        raise click.BadParameter(
            f"a bell every {interval:g} minutes would never ring in a {minutes}-minute sit",
            param_hint="--interval",
        )
    run_app(ctx, StartAt(minutes=minutes, timer=True, interval=interval, open_ended=open_ended))
