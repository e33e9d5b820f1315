"""``practice-tui practices`` and ``practice-tui validate``: the course's practices, listed,
and script files checked."""

from __future__ import annotations

from pathlib import Path

import click

from practice_tui.cli.context import Problem, explained, load_course
from practice_tui.cli.output import on_screen
from practice_tui.journal.literal_text import literal
from practice_tui.paths import resolve_paths


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def practices(ctx: click.Context, as_json: bool) -> None:
    """List the guided practices with their ids, weeks and lengths, then your own."""
    with explained():
        course = load_course(ctx)
    ordered = sorted(course.practices.values(), key=lambda p: (p.own, p.week or 99, p.name))
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "week": p.week,
            "own": p.own,
            "lengths": list(p.lengths),
            "modes": [{"id": m.id, "name": m.name, "lengths": list(m.lengths)} for m in p.modes],
            "origin": p.origin,
        }
        for p in ordered
    ]
    problems = [str(problem) for problem in course.problems]
    if as_json:
        import json  # here: only --json needs it, and the plain list starts quicker without

        report = {"practices": rows, "problems": problems}
        click.echo(on_screen(json.dumps(report, indent=2, ensure_ascii=False)))
        return
    width = max((len(row["id"]) for row in rows), default=10)
    for practice in ordered:
        where = (
            "my own" if practice.own else f"week {practice.week}" if practice.week else "any time"
        )
        lengths = "; ".join(
            f"{m.name}: {', '.join(map(str, m.lengths))}"
            if practice.has_modes
            else ", ".join(map(str, m.lengths))
            for m in practice.modes
        )
        line = f"{practice.id:<{width}}  {where:<8}  {practice.name} ({lengths} min)"
        click.echo(literal(line))
    if problems:
        click.echo("\nThese files of your own could not be used:", err=True)
        for problem in problems:
            click.echo(f"  {literal(problem)}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check script files (weeks, practices, exercises) or folders of them.

    Every problem is named with its file and line. Exit code 1 if there is any.
    """
    # Here, not at the top: the group loads this module for every command.
    from practice_tui.course import ScriptError, load_builtin_course, validate_paths

    try:  # the shipped course as the app keeps it: read back, not parsed again, when unchanged
        course = load_builtin_course(resolve_paths().cache_dir)
    except ScriptError:
        course = None  # checking the shipped files themselves while they are broken
    problems = validate_paths(paths, course)
    for problem in problems:
        click.echo(literal(str(problem)))
    files = {p for path in paths for p in (path.rglob("*.toml") if path.is_dir() else [path])}
    if problems:
        broken = len({problem.path for problem in problems})
        raise Problem(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            f"in {broken} of {len(files)} file{'s' if len(files) != 1 else ''}."
        )
    click.echo(f"{len(files)} file{'s' if len(files) != 1 else ''} checked: no problems.")
