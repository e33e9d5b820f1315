"""Make a large, realistic journal for benchmarks and tests: the same entries every time.

``python benchmarks/make_journal.py OUT.sqlite3 [--entries N] [--seed S] [--answer-bytes B]
[--jrnl OUT.txt]``

About thirty years of daily use (by default 100,000 entries, 1996-11 to 2026-10): on most
days a few practices, each followed by a reflection, now and then an exercise. Every year the
six-week course is taken again from a day in January or February, so entries in those weeks
carry their programme week (1 to 6) and the week's practices; the rest carry no week and any
practice. The words come from a seeded vocabulary of our own (with accents, emoji and text
that looks like markup), 50 to 300 words an entry (about 1,100 bytes of answers), or with
``--answer-bytes B`` the same range scaled so that an entry's answers average about B bytes.
Some entries are starred, a few edited or in the trash; home tasks are ticked during the
course weeks, and "Next steps" exercises set actions, some of them done.

Rows go in with raw INSERTs inside one ``journal.bulk.write()`` transaction; the schema's
triggers fill the search index. :func:`write_jrnl` writes the same live entries (not the
trashed ones) as a jrnl 4.x plain-text journal, for ``vs_jrnl.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from practice_tui.journal.models import PracticeSession
from practice_tui.journal.rows import answers_text

if TYPE_CHECKING:
    from practice_tui.journal import Journal

Counts = dict[str, int]

DEFAULT_ENTRIES = 100_000
DEFAULT_SEED = 1
DEFAULT_YEARS = 30
#: Words an entry's answers share out, by default; ``answer_bytes`` scales the range.
WORDS_PER_ENTRY = (50, 300)
#: What an entry's answers average, in UTF-8 bytes, with the default range (measured).
DEFAULT_ANSWER_BYTES = 1100
#: The last day of the generated journal: fixed, so the same seed gives the same file.
LAST_DAY = date(2026, 10, 31)

#: A word in roughly one entry in a thousand, and one in most entries: for search benchmarks.
#: Each is found inside no other vocabulary word except at its start ("breathing"), so
#: jrnl's substring search and our prefix search find the same entries.
RARE_WORD = "kingfisher"
COMMON_WORD = "breath"
RARE_EVERY = 1000
#: A vocabulary word in about a third of the entries when answers average 500 bytes (about
#: half of them at the default size); no other word holds it.
THIRD_WORD = "handover"

# Our own words. Weights fall with the position (Zipf-like), so the first are common.
_WORDS = """
the and to a of i in it was that my with for on at is this as but not so me felt breath
breathing notice noticed body shoulders chest warmth kind kindness colleague colleagues team
ward shift patient patients family relatives handover meeting rota manager staff nurse
doctor carer clinic home visit phone call email deadline tired calm steady settled tense
gentle quiet busy rushed morning evening afternoon lunch break coffee tea walk stairs car
train bus rain sun wind cold light dark window door desk chair corridor office kitchen
listen listened listening question asked answer heard voice silence pause waited waiting
hands feet ground floor legs back jaw belly heart soft softer softening allow allowed soothe
soothing worry worried anxious afraid angry sad grief loss joy glad grateful thanks
appreciate appreciated support supported help helped helping care caring compassion
compassionate leader leadership lead leading decision decisions hard difficult difficulty
struggle struggling cope coping rest sleep slept woke early late again today yesterday
tomorrow week weeks month months year years time minutes moment moments space practice
practised remember remembered forgot thought thoughts feeling feelings mind wandered back
attention anchor sounds birds traffic garden park river tree trees leaves autumn winter
spring summer frost snow puddles bread soup dinner children partner friend friends mother
father sister brother neighbour dog cat audit inspection budget vacancy sickness cover
agency overtime appraisal supervision training induction student students complaint
compliment letter card flowers smile laughed cried honest honesty trust trusted fair
boundary boundaries enough limit limits ask asking open curious curiosity equanimity
steadiness resourcing intention intentions values purpose meaning belonging autonomy
contribution strength strengths courage patience impatience judgement self critic inner
voice kinder harsh softened eased loosened tightened held holding carry carrying share
shared sharing alone together group circle facilitator course session sessions exercise
reflection journal write wrote writing page words sentence slowly quickly gently firmly café
naïve résumé façade jalapeño Zoë São Paulo Kraków Ångström piñata crème brûlée fiancée déjà
vu über coöperate Åsa Björk Łódź Malmö Dvořák Gödel Nuño Siân Eòghann
"""
_VOCABULARY = _WORDS.split()
_MARKUP_LIKE = (
    "[bold]not bold[/bold]",
    "[red]this stays plain[/]",
    "<b>angle brackets</b>",
    "**stars around words**",
    "`a bit of code`",
    "#hashtag",
    "@Priya",
    "[link](https://example.invalid)",
    "C:\\Users\\me\\notes",
    "50% of the time",
    "{braces} and $dollars",
    "a | pipe & ampersand",
    "--dashes--",
    "[not a date] in brackets",
)
_EMOJI = ("🙂", "🌿", "☕", "💙", "🌧️", "✨", "🙏", "😮\u200d💨", "🐦", "❤️")
_ENDINGS = (".", ".", ".", ".", ".", "!", "?", "…")
_TIMEZONE_NAME = "Europe/London"


@dataclass(frozen=True)
class Activity:
    """Something one can write about: a practice (with a session) or an exercise."""

    id: str
    name: str
    questions: tuple[str, ...]
    is_exercise: bool
    sets_actions: bool = False


@dataclass
class CourseShape:
    """The parts of the real course the generator draws on."""

    by_week: dict[int, list[Activity]]
    anytime: list[Activity]
    home_tasks: dict[int, list[str]]


@dataclass
class Generated:
    """One generated entry, with the session it follows and the actions it sets."""

    id: str
    kind: str
    practice_id: str | None
    practice_name: str | None
    week: int | None
    created: datetime
    answers: list[tuple[str, str]]
    starred: bool
    deleted: datetime | None
    edited: datetime | None
    tags: list[str]
    session: dict[str, object] | None
    actions: list[tuple[str, str, str | None]] = field(default_factory=list)  # id, text, done

    @property
    def text(self) -> str:
        return "\n\n".join(answer for _, answer in self.answers if answer.strip())


def course_shape() -> CourseShape:
    """Read the practices, exercises and home tasks of the shipped course."""
    from practice_tui.course import Collects, load_builtin_course

    course = load_builtin_course()
    by_week: dict[int, list[Activity]] = {week.number: [] for week in course.weeks}
    anytime: list[Activity] = []
    for practice in course.practices.values():
        activity = Activity(practice.id, practice.name, practice.questions, is_exercise=False)
        anytime.append(activity)
        if practice.week in by_week:
            by_week[practice.week].append(activity)
    for exercise in course.exercises.values():
        activity = Activity(
            exercise.id,
            exercise.name,
            exercise.questions,
            is_exercise=True,
            sets_actions=exercise.collects is Collects.ACTIONS,
        )
        if exercise.week in by_week:
            by_week[exercise.week].append(activity)
    home_tasks = {week.number: [task.id for task in week.home_tasks] for week in course.weeks}
    return CourseShape(by_week, anytime, home_tasks)


def _zone() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(_TIMEZONE_NAME)
    except Exception:  # no time-zone data on this machine: one fixed offset will do
        return UTC


class _Writer:
    """Prose from the seeded vocabulary: sentences of 5 to 18 words, a few paragraphs."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._weights = list(_cumulative(len(_VOCABULARY)))

    def words(self, count: int) -> str:
        rng = self._rng
        picked = rng.choices(_VOCABULARY, cum_weights=self._weights, k=count)
        out: list[str] = []
        start = 0
        while start < count:
            length = rng.randint(5, 18)
            sentence = picked[start : start + length]
            start += length
            if rng.random() < 0.08:
                sentence.insert(rng.randrange(len(sentence) + 1), rng.choice(_MARKUP_LIKE))
            if rng.random() < 0.06:
                sentence.append(rng.choice(_EMOJI))
            if len(sentence) > 6 and rng.random() < 0.3:
                cut = rng.randrange(2, len(sentence) - 2)
                sentence[cut] += ","
            first = sentence[0]
            sentence[0] = first[:1].upper() + first[1:]
            text = " ".join(sentence) + rng.choice(_ENDINGS)
            if out and rng.random() < 0.12:
                out.append("\n\n" + text)
            else:
                out.append(text)
        return " ".join(out).replace(" \n\n", "\n\n")


def _cumulative(n: int) -> Iterator[float]:
    total = 0.0
    for rank in range(n):
        total += 1.0 / (rank + 8) ** 0.9
        yield total


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _course_start(year: int, rng: random.Random) -> date:
    """The Monday the course starts that year: some week of January or February."""
    first = date(year, 1, 1) + timedelta(days=rng.randint(3, 45))
    return first - timedelta(days=first.weekday())


def generate(
    entries: int = DEFAULT_ENTRIES,
    seed: int = DEFAULT_SEED,
    *,
    years: int = DEFAULT_YEARS,
    shape: CourseShape | None = None,
    answer_bytes: int | None = None,
) -> Iterator[Generated]:
    """The entries, oldest first. The same arguments always give the same entries.

    ``answer_bytes``: what an entry's answers should average, in bytes (default about 1,100).
    """
    if entries < 0:
        raise ValueError("entries must be 0 or more")
    words = words_per_entry(answer_bytes)
    shape = shape or course_shape()
    rng = random.Random(seed)
    writer = _Writer(rng)
    zone = _zone()
    first_day = LAST_DAY.replace(year=LAST_DAY.year - years) + timedelta(days=1)
    days = (LAST_DAY - first_day).days + 1
    # Most days (six in seven) have writing; spread the entries evenly over those.
    active = [first_day + timedelta(days=i) for i in range(days) if rng.random() < 6 / 7]
    per_day = entries / max(len(active), 1)
    starts = {y: _course_start(y, rng) for y in range(first_day.year, LAST_DAY.year + 1)}
    made = 0
    owed = 0.0
    for index, day in enumerate(active):
        owed += per_day
        count = int(owed) if index < len(active) - 1 else entries - made
        count = min(count, entries - made)
        owed -= count
        course_day = (day - starts[day.year]).days
        week = course_day // 7 + 1 if 0 <= course_day < 42 else None
        minutes = sorted(rng.sample(range(6 * 60, 23 * 60), count)) if count else []
        for minute in minutes:
            made += 1
            yield _entry(made, day, minute, week, shape, rng, writer, zone, words)
        if made >= entries:
            break


def _entry(
    number: int,
    day: date,
    minute: int,
    week: int | None,
    shape: CourseShape,
    rng: random.Random,
    writer: _Writer,
    zone: tzinfo,
    words: tuple[int, int] = WORDS_PER_ENTRY,
) -> Generated:
    created = datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60))
    created = created.replace(tzinfo=zone)
    if week is not None and rng.random() < 0.85:
        activity = rng.choice(shape.by_week[week])
    elif rng.random() < 0.08:
        activity = None  # a reflection on its own, about no practice
    else:
        activity = rng.choice(shape.anytime)
    questions = activity.questions if activity else ("What is on your mind?",)
    budget = rng.randint(*words)
    answered = rng.sample(range(len(questions)), k=rng.randint(1, min(3, len(questions))))
    shares = _split(budget, len(answered), rng)
    answers = [
        (question, writer.words(shares[answered.index(i)]) if i in answered else "")
        for i, question in enumerate(questions)
    ]
    if number % RARE_EVERY == 0:
        index = next(i for i, (_, a) in enumerate(answers) if a)
        question, answer = answers[index]
        answers[index] = (question, f"{answer} A {RARE_WORD} by the river.")
    session = None
    if activity is not None and not activity.is_exercise:
        planned = rng.choice((3, 5, 10, 15, 20)) * 60
        practised = planned if rng.random() < 0.9 else rng.uniform(30, planned)
        begun = created - timedelta(seconds=practised + rng.randint(20, 300))
        session = {
            "id": _uuid(rng),
            "practice_id": activity.id,
            "practice_name": activity.name,
            "week": week,
            "kind": "guided" if rng.random() < 0.9 else "timer",
            "started_at": begun.isoformat(timespec="seconds"),
            "ended_at": (begun + timedelta(seconds=practised)).isoformat(timespec="seconds"),
            "planned_seconds": planned,
            "practised_seconds": round(practised, 1),
            "completed": int(practised == planned),
            "created_at": (begun + timedelta(seconds=practised)).isoformat(timespec="seconds"),
        }
    roll = rng.random()
    entry = Generated(
        id=_uuid(rng),
        kind="exercise" if activity is not None and activity.is_exercise else "reflection",
        practice_id=activity.id if activity else None,
        practice_name=activity.name if activity else None,
        week=week,
        created=created,
        answers=answers,
        starred=roll < 0.03,
        deleted=created + timedelta(days=rng.randint(0, 40)) if roll > 0.995 else None,
        edited=created + timedelta(hours=rng.randint(1, 72)) if 0.5 < roll < 0.52 else None,
        tags=["work"] if 0.2 < roll < 0.21 else [],
        session=session,
    )
    if activity is not None and activity.sets_actions:
        for _ in range(rng.randint(1, 3)):
            done = created + timedelta(days=rng.randint(1, 60)) if rng.random() < 0.6 else None
            text = writer.words(rng.randint(4, 12))
            entry.actions.append((_uuid(rng), text, done and done.isoformat(timespec="seconds")))
    return entry


def words_per_entry(answer_bytes: int | None) -> tuple[int, int]:
    """The range of words an entry's answers share, for answers averaging ``answer_bytes``."""
    if answer_bytes is None:
        return WORDS_PER_ENTRY
    if answer_bytes < 100:
        raise ValueError("answer_bytes must be 100 or more")
    scale = answer_bytes / DEFAULT_ANSWER_BYTES
    low, high = WORDS_PER_ENTRY
    return max(round(low * scale), 15), round(high * scale)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` words shared out among ``parts`` answers, each getting at least five."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(5, total - 5), parts - 1))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return [max(size, 5) for size in sizes]


_ENTRY_SQL = (
    "INSERT INTO entries (id, session_id, kind, practice_id, practice_name, week, created_at, "
    "updated_at, answers, starred, deleted_at, edited_at, tags, source) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
)
# The session record's own fields, and when the row was written.
_SESSION_COLUMNS = (*PracticeSession._fields, "created_at")
_SESSION_SQL = (
    f"INSERT INTO practice_sessions ({', '.join(_SESSION_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _SESSION_COLUMNS)})"
)
_ACTION_SQL = (
    "INSERT INTO actions (id, entry_id, week, text, created_at, updated_at, done_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_TICK_SQL = (
    "INSERT INTO home_task_ticks (id, week, task_id, day, created_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (task_id, day) DO NOTHING"
)
_BATCH = 2000
#: SQLite's page cache while writing: big enough that FTS5 merges stay in memory.
_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class Summary:
    entries: int
    sessions: int
    actions: int
    ticks: int
    seconds: float


def write_journal(
    path: Path | str,
    entries: int = DEFAULT_ENTRIES,
    seed: int = DEFAULT_SEED,
    *,
    years: int = DEFAULT_YEARS,
    answer_bytes: int | None = None,
) -> Summary:
    """Write a new journal at ``path`` (which must not exist yet) in one transaction."""
    from practice_tui.journal import Journal

    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    began = time.perf_counter()
    shape = course_shape()
    counts = {"entries": 0, "sessions": 0, "actions": 0, "ticks": 0}
    with Journal.open(path) as journal:
        _write_all(journal, entries, seed, years, shape, counts, answer_bytes)
    return Summary(**counts, seconds=time.perf_counter() - began)


def _write_all(
    journal: Journal,
    entries: int,
    seed: int,
    years: int,
    shape: CourseShape,
    counts: Counts,
    answer_bytes: int | None = None,
) -> None:
    """Every row in one transaction, with a page cache big enough to keep FTS5's merges."""
    tick_rng = random.Random(seed + 1)
    with journal.bulk.write() as db:
        conn = db
        conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB:d}")
        batch: list[Generated] = []
        for entry in generate(entries, seed, years=years, shape=shape, answer_bytes=answer_bytes):
            batch.append(entry)
            if len(batch) >= _BATCH:
                _insert(conn, batch, shape, tick_rng, counts)
                batch = []
        _insert(conn, batch, shape, tick_rng, counts)


def _insert(
    conn: sqlite3.Connection,
    batch: list[Generated],
    shape: CourseShape,
    rng: random.Random,
    counts: Counts,
) -> None:
    sessions, rows, actions, ticks = [], [], [], []
    for e in batch:
        stamp = e.created.isoformat(timespec="seconds")
        if e.session is not None:
            sessions.append([e.session[c] for c in _SESSION_COLUMNS])
        edited = e.edited.isoformat(timespec="seconds") if e.edited else None
        deleted = e.deleted.isoformat(timespec="seconds") if e.deleted else None
        items = [{"question": q, "answer": a} for q, a in e.answers]
        rows.append(
            (
                e.id,
                e.session["id"] if e.session else None,
                e.kind,
                e.practice_id,
                e.practice_name,
                e.week,
                stamp,
                deleted or edited or stamp,
                answers_text(items),  # as the store writes them: compact
                int(e.starred),
                deleted,
                edited,
                json.dumps(e.tags),
            )
        )
        for action_id, text, done in e.actions:
            actions.append((action_id, e.id, e.week, text, stamp, done or stamp, done))
        if e.week is not None and rng.random() < 0.5:
            task = rng.choice(shape.home_tasks[e.week])
            ticks.append((_uuid(rng), e.week, task, e.created.date().isoformat(), stamp))
    conn.executemany(_SESSION_SQL, sessions)
    conn.executemany(_ENTRY_SQL, rows)
    conn.executemany(_ACTION_SQL, actions)
    before = conn.total_changes
    conn.executemany(_TICK_SQL, ticks)
    counts["ticks"] += conn.total_changes - before
    counts["entries"] += len(rows)
    counts["sessions"] += len(sessions)
    counts["actions"] += len(actions)


def cached_journal(entries: int, seed: int, cache: Path, answer_bytes: int | None = None) -> Path:
    """A data folder holding the generated journal, made once and kept for later runs.

    Its name carries a digest of the generator and the schema, so either changing makes a
    new one.
    """
    from practice_tui.journal import schema

    digest = hashlib.sha256()
    for source in (Path(__file__), Path(schema.__file__ or "")):
        digest.update(source.read_bytes())
    size = "" if answer_bytes is None else f"-{answer_bytes}b"
    folder = cache / f"journal-{entries}{size}-{seed}-{digest.hexdigest()[:12]}"
    journal = folder / "journal.sqlite3"
    if not (folder / "done").exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        journal.unlink(missing_ok=True)
        summary = write_journal(journal, entries, seed, answer_bytes=answer_bytes)
        print(f"generated {summary.entries:,} entries in {summary.seconds:.1f} s: {journal}")
        (folder / "done").write_text("")
    return folder


# -- jrnl ---------------------------------------------------------------------------------

#: jrnl 4.x's default ``timeformat`` is ``"%F %r"``: the same as this in the C locale, which
#: is spelled out so the file never depends on the locale it was written in.
JRNL_TIMEFORMAT = "%Y-%m-%d %I:%M:%S %p"


def jrnl_block(entry: Generated) -> str:
    """One entry as jrnl writes it: ``[date] Title. body``, a star after the title if starred.

    The title is the practice's name (or "Reflection"); the body is the entry's answers.
    Tags become ``@tag`` words, which is how jrnl keeps them.
    """
    title = f"{entry.practice_name or 'Reflection'}."
    stamp = entry.created.strftime(JRNL_TIMEFORMAT)
    star = " *" if entry.starred else ""
    tags = "".join(f" @{tag}" for tag in entry.tags)
    return f"[{stamp}] {title}{star}\n{entry.text}{tags}\n"


def write_jrnl(
    path: Path | str,
    entries: int = DEFAULT_ENTRIES,
    seed: int = DEFAULT_SEED,
    *,
    years: int = DEFAULT_YEARS,
    answer_bytes: int | None = None,
) -> int:
    """Write the same journal's live entries as a jrnl plain-text file; returns how many."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for entry in generate(entries, seed, years=years, answer_bytes=answer_bytes):
            if entry.deleted is not None:
                continue
            if written:
                out.write("\n")
            out.write(jrnl_block(entry))
            written += 1
    return written


def jrnl_config(journal_file: Path | str, version: str = "4.6") -> str:
    """A jrnl 4.x config (YAML) for one unencrypted journal at ``journal_file``.

    ``version`` is the installed jrnl's (``jrnl.__version__``); jrnl rewrites a config that
    names another, and says so on the terminal.
    """
    return (
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {str(journal_file)!r}\n"
        "linewrap: 79\ntagsymbols: '#@'\n"
        f"template: false\ntimeformat: '{JRNL_TIMEFORMAT}'\nversion: {version!r}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the journal file to create (must not exist)")
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--years", type=int, default=DEFAULT_YEARS)
    parser.add_argument(
        "--answer-bytes",
        type=int,
        help=f"what an entry's answers average, in bytes (default about {DEFAULT_ANSWER_BYTES:,})",
    )
    parser.add_argument("--jrnl", type=Path, help="also write the entries in jrnl's format here")
    args = parser.parse_args(argv)
    if args.entries < 0 or args.years < 1:
        parser.error("--entries must be 0 or more and --years 1 or more")
    if args.answer_bytes is not None and args.answer_bytes < 100:
        parser.error("--answer-bytes must be 100 or more")
    size = {"years": args.years, "answer_bytes": args.answer_bytes}
    try:
        summary = write_journal(args.out, args.entries, args.seed, **size)
    except FileExistsError as error:
        print(f"make_journal: {error}; choose a new file.", file=sys.stderr)
        return 1
    print(
        f"{args.out}: {summary.entries} entries, {summary.sessions} sessions, "
        f"{summary.actions} actions, {summary.ticks} home-task ticks "
        f"in {summary.seconds:.1f} s"
    )
    if args.jrnl:
        began = time.perf_counter()
        count = write_jrnl(args.jrnl, args.entries, args.seed, **size)
        print(f"{args.jrnl}: {count} jrnl entries in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
