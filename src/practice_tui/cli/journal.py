"""``practice-tui journal``: on its own, the app opened on the Journal screen.

Subcommands that read the journal on the command line (list, search, show) live here too;
they must not import Textual, so only the bare ``journal`` opens the app. They are also
quick: they load neither the course nor the app, and a journal that does not exist yet is
read as an empty one, not created.

``--json`` prints one object. For ``list`` and ``search``::

    {"total": <entries found>, "shown": <entries below>,
     "entries": [{"id", "created_at", "kind", "week", "practice_id", "practice_name",
                  "starred", "opening", "snippet" (search only)}, ...]}

newest first. For ``show``: the entry as the JSON export writes it (``id``, ``kind``,
``created_at``, ``updated_at``, ``edited_at``, ``deleted_at``, ``week``, ``practice_id``,
``practice_name``, ``session_id``, ``starred``, ``tags``, ``source``, ``answers`` as
``{"question", "answer"}``), with ``practised_seconds`` and the ``actions`` it set
(``{"id", "text", "done_at"}``); with ``--history``, its earlier versions too (``history``:
``{"id", "written_at", "kept_at", "reason", "answers"}``, most recently kept first).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import click

from practice_tui.cli.context import WEEK, Limit, Problem, explained, run_app
from practice_tui.cli.output import on_screen
from practice_tui.journal.literal_text import literal
from practice_tui.paths import resolve_paths

if TYPE_CHECKING:
    from practice_tui.journal.models import Entry
    from practice_tui.journal.query import EntryQuery
    from practice_tui.journal.search import SearchTerms
    from practice_tui.journal.store import Journal

# The journal (and the rest of the core) is imported inside the commands: this module holds
# more than one command, and each loads only what it uses (start-up time).

DEFAULT_LIMIT = 20
#: How much of an entry a line of ``list`` or ``search`` shows.
LINE_WORDS = 72
SHORT_ID = 8
_ID_TEXT = re.compile(r"[0-9a-fA-F-]+")
_LIMIT = Limit()
_LIMIT_HELP = f"Show at most this many, newest first (default {DEFAULT_LIMIT}; 0 for all)."


@click.group(invoke_without_command=True)
@click.pass_context
def journal(ctx: click.Context) -> None:
    """Your journal. With no command, open the app on the Journal screen."""
    if ctx.invoked_subcommand is None:
        from practice_tui.start import StartAt  # here: the subcommands start without it

        run_app(ctx, StartAt(screen="journal"))


@journal.command("list")
@click.option(
    "--week",
    type=WEEK,
    help="Only entries from this programme week (0: those tied to no week).",
)
@click.option("--limit", type=_LIMIT, default=DEFAULT_LIMIT, help=_LIMIT_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def list_entries(ctx: click.Context, week: int | None, limit: int, as_json: bool) -> None:
    """List entries, newest first: when, which week and practice, and the opening words."""
    from practice_tui.journal.query import EntryQuery

    _print_found(ctx, EntryQuery(week=week), limit, as_json)


@journal.command()
@click.argument("query")
@click.option("--limit", type=_LIMIT, default=DEFAULT_LIMIT, help=_LIMIT_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, as_json: bool) -> None:
    """Find entries holding every word of QUERY ("quoted words" as a phrase).

    Words match their beginnings, whatever the case or accents: "kind" finds "kindness".
    """
    from practice_tui.journal.query import EntryQuery

    found = EntryQuery(search=query)
    if found.terms.is_empty:
        raise click.BadParameter("give at least one word to search for", param_hint="QUERY")
    _print_found(ctx, found, limit, as_json)


@journal.command()
@click.argument("entry_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--history", is_flag=True, help="Show the entry's earlier versions too.")
@click.pass_context
def show(ctx: click.Context, entry_id: str, as_json: bool, history: bool) -> None:
    """Show one entry in full. ID may be the start of it, as `journal list` shows."""
    if not _ID_TEXT.fullmatch(entry_id):
        raise click.BadParameter("an id is made of the letters a-f, digits and -", param_hint="ID")
    with explained():
        opened = _open(ctx)
        entry = _find(opened, entry_id.lower()) if opened is not None else None
        if entry is None:
            raise Problem(f"There is no entry with id {entry_id} in your journal.")
        actions = opened.tasks.actions(entry_id=entry.id)
        revisions = opened.revisions.of(entry.id) if history else None
    if as_json:
        record = _full_record(entry)
        record["actions"] = [{"id": a.id, "text": a.text, "done_at": a.done_at} for a in actions]
        if revisions is not None:
            from practice_tui.cli.history import history_records

            record["history"] = history_records(revisions)
        click.echo(_json(record))
        return
    click.echo(_heading(entry))
    for item in entry.answers:
        if item.is_blank:
            continue
        click.echo(f"\n{literal(item.question)}")
        for line in item.answer.strip().splitlines():
            click.echo(f"  {literal(line)}".rstrip())
    if actions:
        click.echo("\nActions")
        for action in actions:
            click.echo(f"  [{'x' if action.done else ' '}] {literal(action.text)}")
    if revisions is not None:
        from practice_tui.cli.history import history_lines

        click.echo("\n".join(history_lines(revisions)))


# -- reading ------------------------------------------------------------------------------


def _open(ctx: click.Context) -> Journal | None:
    """The journal, closed with the command; ``None`` before the first entry is written."""
    path = resolve_paths(ctx.obj.get("data_dir")).journal_file
    if not path.exists():
        return None
    from practice_tui.journal.store import Journal

    opened = Journal.open(path)
    ctx.call_on_close(opened.close)
    return opened


def _find(opened: Journal, prefix: str) -> Entry | None:
    """The entry whose id begins with ``prefix``; a prefix shared by two is a problem."""
    ids = opened.entries.ids_starting(prefix, limit=2)
    if len(ids) > 1:
        raise Problem(f"More than one entry has an id starting {prefix}; give more of it.")
    return opened.entries.get(ids[0]) if ids else None


def _print_found(ctx: click.Context, query: EntryQuery, limit: int, as_json: bool) -> None:
    with explained():
        opened = _open(ctx)
        if opened is None:
            total, entries = 0, []
        else:
            entries = opened.entries.page(query, grouping="none", limit=limit or None)
            short = not limit or len(entries) < limit
            total = len(entries) if short else opened.entries.count(query)
    terms = query.terms if query.is_search else None
    if as_json:
        rows = [_summary(entry, terms) for entry in entries]
        payload = {"total": total, "shown": len(rows), "entries": rows}
        click.echo(_json(payload))
        return
    for entry in entries:
        click.echo(_line(entry, terms))
    if not entries:
        click.echo(_nothing_found(query, opened is None), err=True)
    elif total > len(entries):
        click.echo(f"{len(entries)} of {total} entries shown; --limit shows more.", err=True)


def _nothing_found(query: EntryQuery, no_journal: bool) -> str:
    if no_journal or not (query.is_search or query.week is not None):
        return "Your journal has no entries yet."
    if query.is_search:
        return "No entries hold those words."
    return "No entries from that week."


# -- wording ------------------------------------------------------------------------------


def _when(entry: Entry) -> str:
    """The wall-clock time it was written, as the person saw it: ``2026-02-14 20:58``."""
    return entry.created_at[:16].replace("T", " ")


def _about(entry: Entry) -> str:
    week = f"week {entry.week}" if entry.week is not None else "no week"
    name = entry.practice_name or entry.kind.capitalize()
    return f"{week:<7}  {name}"


def _line(entry: Entry, terms: SearchTerms | None) -> str:
    """One entry on one line: short id, star, time, week, practice, then its words."""
    star = "*" if entry.starred else " "
    words = literal(_words(entry, terms))
    if terms is not None:
        words = _highlight(words, terms)
    return f"{entry.id[:SHORT_ID]} {star} {_when(entry)}  {literal(_about(entry))}: {words}"


def _words(entry: Entry, terms: SearchTerms | None) -> str:
    if terms is None:
        return entry.opening_words(LINE_WORDS)
    from practice_tui.journal.search import snippet

    return snippet(entry.text, terms, LINE_WORDS)


def _highlight(text: str, terms: SearchTerms) -> str:
    """The matched words in bold: on a terminal only, as ``click.echo`` drops styles in a pipe."""
    from practice_tui.journal.search import match_spans

    out, end = [], 0
    for start, stop in match_spans(text, terms):
        out += [text[end:start], click.style(text[start:stop], bold=True)]
        end = stop
    return "".join([*out, text[end:]])


def _heading(entry: Entry) -> str:
    from practice_tui.journal.times import describe

    parts = [describe(entry.created_at), f"week {entry.week}" if entry.week else "no week"]
    parts.append(entry.practice_name or entry.kind.capitalize())
    lines = [literal(" · ".join(parts))]
    notes = []
    if entry.starred:
        notes.append("Starred.")
    if entry.edited_at:
        notes.append(f"Edited {describe(entry.edited_at)}.")
    if entry.in_trash:
        notes.append(f"In the trash since {describe(entry.deleted_at or '')}.")
    if notes:
        lines.append(" ".join(notes))
    lines.append(f"id {entry.id}")
    return "\n".join(lines)


# -- JSON ---------------------------------------------------------------------------------


def _json(record: dict[str, Any]) -> str:
    """JSON for scripts, exact; on a terminal, with control characters shown."""
    import json  # here: only --json pays for it, before the first entry (start-up time)

    return on_screen(json.dumps(record, indent=2, ensure_ascii=False))


def _summary(entry: Entry, terms: SearchTerms | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": entry.id,
        "created_at": entry.created_at,
        "kind": entry.kind,
        "week": entry.week,
        "practice_id": entry.practice_id,
        "practice_name": entry.practice_name,
        "starred": entry.starred,
        "opening": entry.opening_words(LINE_WORDS),
    }
    if terms is not None:
        row["snippet"] = _words(entry, terms)
    return row


def _full_record(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "edited_at": entry.edited_at,
        "deleted_at": entry.deleted_at,
        "week": entry.week,
        "practice_id": entry.practice_id,
        "practice_name": entry.practice_name,
        "session_id": entry.session_id,
        "starred": entry.starred,
        "tags": list(entry.tags),
        "source": entry.source,
        "answers": [{"question": a.question, "answer": a.answer} for a in entry.answers],
        "practised_seconds": entry.practised_seconds,
    }
