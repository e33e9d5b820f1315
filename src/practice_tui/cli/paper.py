"""``practice-tui show`` and ``practice-tui week``: a practice's timed plan, and a week's card,
on paper (or a screen, or a file)."""

from __future__ import annotations

from pathlib import Path

import click

from practice_tui.anchors import Anchor
from practice_tui.cli.context import Problem, explained, load_course
from practice_tui.paper.plan import ANCHOR_NAMES

ANCHOR_OPTION = click.option(
    "--anchor",
    type=click.Choice(ANCHOR_NAMES, case_sensitive=False),
    help="The anchor the words name: breath, feet, hands or sounds (yours if not given).",
)


def chosen_anchor(ctx: click.Context, name: str | None) -> Anchor:
    """The anchor named on the command line, or else the participant's own."""
    if name:
        return Anchor(name.lower())
    from practice_tui.paths import resolve_paths
    from practice_tui.preferences import load_preferences, preferences_path

    prefs, _ = load_preferences(preferences_path(resolve_paths(ctx.obj.get("data_dir"))))
    return prefs.practice_anchor


@click.command()
@click.argument("practice_id", metavar="ID")
@click.option(
    "--minutes", "-m", type=click.IntRange(min=1), help="The length (its first if not given)."
)
@click.option("--mode", help="The way of doing it, for a practice with more than one.")
@ANCHOR_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def show(
    ctx: click.Context,
    practice_id: str,
    minutes: int | None,
    mode: str | None,
    anchor: str | None,
    as_json: bool,
) -> None:
    """Print a practice's timed plan: each step's start time, phase and words."""
    from practice_tui.course import LengthError
    from practice_tui.paper import plan_json, plan_text

    with explained():
        course = load_course(ctx)
    try:
        practice = course.practice(practice_id)
        chosen = practice.mode(mode)
    except KeyError as error:
        raise Problem(f"{error.args[0][:1].upper()}{error.args[0][1:]}.") from None
    length = minutes or chosen.default_length
    words_for = chosen_anchor(ctx, anchor)
    try:
        if as_json:
            import json

            plan = plan_json(practice, chosen, length, words_for)
            click.echo(json.dumps(plan, indent=2, ensure_ascii=False))
        else:
            click.echo(plan_text(practice, chosen, length, words_for))
    except LengthError as error:
        raise Problem(f"{error}.") from None


@click.command()
@click.argument("number", type=click.IntRange(1, 6))
@click.option("--print", "to_paper", is_flag=True, help="Write the week's one-page card.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the card to this file: HTML for .html, else Markdown (else standard output).",
)
@ANCHOR_OPTION
@click.pass_context
def week(
    ctx: click.Context, number: int, to_paper: bool, output: Path | None, anchor: str | None
) -> None:
    """Open the app on a week; with --print, write the week's one-page card.

    The card holds the week's theme, its agenda, each practice's steps, the home tasks with a
    box for each day, and where support is: Markdown, or HTML for a file ending .html.
    """
    from practice_tui.paper import card_format, render_card, week_card

    if not to_paper:
        from practice_tui.cli.context import run_app
        from practice_tui.start import StartAt

        run_app(ctx, StartAt(week=number))
        return
    with explained():
        course = load_course(ctx)
    text = render_card(week_card(course, number, chosen_anchor(ctx, anchor)), card_format(output))
    if output is None:
        click.echo(text, nl=False)
        return
    from practice_tui.paths import private_atomic_writer

    with explained(), private_atomic_writer(output) as stream:
        stream.write(text)
    click.echo(f"Week {number}'s card is in {output}.")
