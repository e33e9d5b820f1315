"""``practice-tui play`` and ``practice-tui timer``: the app opened straight on a sit."""

from __future__ import annotations

import click

from practice_tui.cli.context import explained, load_course, run_app
from practice_tui.start import StartAt


@click.command()
@click.argument("practice_id")
@click.option("--minutes", type=click.IntRange(min=1), help="How long, in whole minutes.")
@click.option("--mode", help="Which way to do it, for practices with more than one.")
@click.option(
    "--voice/--no-voice",
    default=None,
    help="Speak the words, or not, this time only (Settings keep the usual choice).",
)
@click.pass_context
def play(
    ctx: click.Context,
    practice_id: str,
    minutes: int | None,
    mode: str | None,
    voice: bool | None,
) -> None:
    """Open the app straight on a practice (handy for a shell alias)."""
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
    run_app(ctx, StartAt(practice_id, minutes, mode, voice=voice, return_to_shell=True))


@click.command()
@click.option("--minutes", type=click.IntRange(1, 24 * 60), help="How long, in whole minutes.")
@click.option("--open-ended", is_flag=True, help="Count up until you stop.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.25),
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
