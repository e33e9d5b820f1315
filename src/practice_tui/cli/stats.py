"""``practice-tui stats`` and ``practice-tui today``: progress on the command line.

Neither opens the app nor imports Textual. A journal that does not exist yet is read as an
empty one and left uncreated, so a shell prompt calling ``today`` never makes files.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from practice_tui.cli.context import Problem, explained, load_course
from practice_tui.cli.problems import describe_problem
from practice_tui.paths import resolve_paths

if TYPE_CHECKING:
    from practice_tui.journal import Journal
    from practice_tui.journal.progress import Progress, WeekTotal
    from practice_tui.preferences import Preferences

# The journal (and the rest of the core) is imported inside the commands: this module holds
# more than one command, and each loads only what it uses (start-up time).


def _open_history(ctx: click.Context) -> Journal:
    """The journal if there is one, else an empty one in memory; closed with the command."""
    from practice_tui.journal import Journal

    journal = Journal.open_or_empty(resolve_paths(ctx.obj.get("data_dir")).journal_file)
    ctx.call_on_close(journal.close)
    return journal


def _history_if_any(ctx: click.Context) -> Journal | None:
    """The journal, or None before the first practice: ``today`` in a shell prompt then has
    nothing to count, so it neither builds an empty journal nor loads the journal's code."""
    if not resolve_paths(ctx.obj.get("data_dir")).journal_file.exists():
        return None
    return _open_history(ctx)


def _preferences(ctx: click.Context) -> Preferences:
    from practice_tui.preferences import load_preferences, preferences_path

    return load_preferences(preferences_path(resolve_paths(ctx.obj.get("data_dir"))))[0]


def _progress(ctx: click.Context, weeks: int, by: str | None) -> Progress:
    from practice_tui.engine.clock import SystemClock
    from practice_tui.journal.progress import gather

    prefs = _preferences(ctx)
    if by == "programme" and prefs.programme_start is None:
        raise Problem(
            "the programme's start is not known yet: say which week you are in (in the app, "
            "on Home or in Settings), or count by calendar week with --by calendar."
        )
    by_programme = prefs.by_programme if by is None else by == "programme"
    return gather(
        _open_history(ctx),
        SystemClock().wall(),
        day_ends_at=prefs.day_ends_at,
        show_streak=prefs.show_streak,
        weeks=weeks,
        calendar_weeks=0,
        programme_start=prefs.programme_start if by_programme else None,
    )


def _week_json(week: WeekTotal) -> dict[str, object]:
    if week.number is not None:
        from practice_tui.journal.programme import programme_week_name

        first: dict[str, object] = {
            "week": programme_week_name(week.number),
            "number": week.number,
            "from": week.monday.isoformat(),
        }
    else:
        first = {"week_of": week.monday.isoformat()}
    return {
        **first,
        "minutes": round(week.minutes, 1),
        "sessions": week.sessions,
        "home_tasks": week.home_tasks,
    }


def _programme_rows(progress: Progress) -> list[str]:
    """The programme weeks as the table's lines: 'Week 2 (from 8 Jan)', 'After the course'."""
    from practice_tui.journal.programme import AFTER_THE_COURSE, programme_week_name
    from practice_tui.journal.times import describe_day

    lines = [f"{'Programme week':<22}{'Minutes':>8}{'Sessions':>10}{'Home tasks':>12}"]
    for week in progress.programme_weeks:
        number = week.number or 0
        name = programme_week_name(number)
        if number < AFTER_THE_COURSE:
            name += f" (from {describe_day(week.monday, short=True, year=False)})"
        mark = "  this week" if week is progress.programme_weeks[-1] else ""
        lines.append(
            f"{name:<22}{week.minutes:>8.0f}{week.sessions:>10}{week.home_tasks:>12}{mark}"
        )
    return lines


@click.command()
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=12,
    show_default=True,
    help="How many weeks to show, this one included.",
)
@click.option(
    "--by",
    type=click.Choice(["programme", "calendar"]),
    default=None,
    help="Count by programme week (from the week you said you were in) or calendar week. "
    "[default: as in Settings]",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def stats(ctx: click.Context, weeks: int, by: str | None, as_json: bool) -> None:
    """Minutes and sessions each week, home tasks ticked, and your streak."""
    from practice_tui.journal.progress import hour_label, streak_words
    from practice_tui.journal.times import describe_day

    with explained():
        progress = _progress(ctx, weeks, by)
    if as_json:
        report: dict[str, object] = {
            "today": progress.today.isoformat(),
            "day_ends_at": progress.day_ends_at,
            "weeks": [_week_json(week) for week in progress.weeks],
            "this_week": _week_json(progress.this_week),
            "show_streak": progress.show_streak,
            "streak_days": progress.streak if progress.show_streak else None,
        }
        if progress.by_programme:
            report["programme_weeks"] = [_week_json(week) for week in progress.programme_weeks]
        click.echo(json.dumps(report, indent=2))
        return
    if progress.by_programme:
        click.echo("\n".join(_programme_rows(progress)))
    else:
        click.echo(f"{'Week of':<13}{'Minutes':>8}{'Sessions':>10}{'Home tasks':>12}")
        for week in progress.weeks:
            mark = "  this week" if week is progress.this_week else ""
            click.echo(
                f"{describe_day(week.monday, short=True):<13}{week.minutes:>8.0f}"
                f"{week.sessions:>10}{week.home_tasks:>12}{mark}"
            )
    if progress.visible_streak:
        ends = hour_label(progress.day_ends_at)
        click.echo(f"\n{streak_words(progress.streak).capitalize()} (a day ends at {ends}).")


@click.command()
@click.pass_context
def today(ctx: click.Context) -> None:
    """One line for a shell prompt: the week, today's practice and your streak."""
    try:
        line = _today_line(ctx)
    except Exception as error:  # a prompt must never show a traceback
        raise Problem(_one_sentence(error)) from None
    click.echo(line)  # a reader gone early (``| head -0``) is the command group's to end


def _today_line(ctx: click.Context) -> str:
    from practice_tui.engine.clock import SystemClock
    from practice_tui.journal.progress import gather, streak_words
    from practice_tui.journal.today import suggest

    now = SystemClock().wall()
    course = load_course(ctx)
    history = _history_if_any(ctx)
    prefs = _preferences(ctx)
    suggestion = suggest(course, history, now, prefs.programme_start, prefs.day_ends_at)
    parts = [f"Week {suggestion.week}"]
    if suggestion.practice is not None:
        parts.append(suggestion.practice.name)
    if prefs.show_streak and history is not None:
        progress = gather(history, now, day_ends_at=prefs.day_ends_at, weeks=1, calendar_weeks=0)
        if words := streak_words(progress.streak):
            parts.append(words)
    return " · ".join(parts)


def _one_sentence(error: Exception) -> str:
    described = (describe_problem(error) or "").strip()
    if described:
        first = described.splitlines()[0].rstrip(":")
        return first if first.endswith((".", "!", "?")) else f"{first}."
    return f"today's practice could not be worked out ({type(error).__name__}: {error})."
