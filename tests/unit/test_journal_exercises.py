"""Exercise entries and the actions they set: saved together, listed, ticked off, exported."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from practice_tui.journal import Action, Answer, Journal, JournalError, write_export
from practice_tui.journal.errors import ActionNotFound, NothingToSave
from tests.support.hand_clock import MONDAY_9AM, grouped_by_week
from tests.support.hand_clock import HandClock as Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path: Path, clock: Clock) -> Iterator[Journal]:
    with Journal.open(journal_path, now=clock) as opened:
        yield opened


def next_steps(journal: Journal, *actions: str, day: int = 0, answer: str = "") -> str:
    """Save a "Next steps" exercise on day ``day`` of the course; returns its id."""
    entry = journal.entries.add(
        kind="exercise",
        practice_id="next-steps",
        practice_name="Next steps",
        week=2,
        answers=[Answer("What will you do this week?", answer)],
        actions=actions,
        created_at=MONDAY_9AM + timedelta(days=day),
    )
    return entry.id


def texts(actions: list[Action]) -> list[str]:
    return [action.text for action in actions]


# -- exercise entries ------------------------------------------------------------------


def test_exercise_entries_round_trip(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        saved = journal.entries.add(
            kind="exercise",
            practice_id="values-map",
            practice_name="Map your values",
            week=3,
            answers=[Answer("Which value matters most?", "Kindness, with courage.")],
        )
    with Journal.open(journal_path) as journal:
        assert journal.entries.newest() == [saved]
        assert journal.entries.get(saved.id) == saved
        assert grouped_by_week(journal) == [(3, [saved.id])]
    assert (saved.kind, saved.practice_id, saved.practice_name) == (
        "exercise",
        "values-map",
        "Map your values",
    )
    assert saved.session_id is None and saved.practised_seconds is None


def test_unknown_kinds_are_still_refused(journal: Journal) -> None:
    with pytest.raises(ValueError, match="kind must be one of reflection, exercise"):
        journal.entries.add(kind="nap", answers=[Answer("Q?", "A")])
    assert journal.entries.newest() == []


def test_a_failed_exercise_says_so(journal: Journal) -> None:
    journal._db.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(JournalError, match="your exercise could not be saved"):
        next_steps(journal, "Call Sam")


# -- actions set in an exercise --------------------------------------------------------


def test_actions_are_saved_with_their_entry(journal: Journal) -> None:
    entry_id = next_steps(journal, "  Call Sam \n", "", " \t ", "Walk at lunch", day=1)
    entry = journal.entries.get(entry_id)
    assert entry is not None and entry.text == ""  # no answer, but actions: worth keeping
    actions = journal.tasks.actions()
    assert texts(actions) == ["Call Sam", "Walk at lunch"]
    for action in actions:
        assert uuid.UUID(action.id).version == 4
        assert (action.entry_id, action.week) == (entry_id, 2)
        assert action.created_at == action.updated_at == entry.created_at
        assert action.done_at is None and not action.done


def test_actions_take_the_week_of_the_session(journal: Journal) -> None:
    session = journal.sessions.record(
        practice_id="pause",
        practice_name="Pause",
        week=4,
        started_at=MONDAY_9AM,
        ended_at=MONDAY_9AM + timedelta(minutes=3),
        planned_seconds=180,
        practised_seconds=180,
        completed=True,
    )
    journal.entries.add(session_id=session.id, answers=[], actions=["Pause before replying"])
    [action] = journal.tasks.actions()
    assert action.week == 4


@pytest.mark.parametrize("actions", [(), ("", "  \n")], ids=["none", "blank"])
def test_blank_answers_without_actions_are_refused(
    journal: Journal, actions: tuple[str, ...]
) -> None:
    with pytest.raises(NothingToSave, match="nothing to save"):
        next_steps(journal, *actions)
    assert journal.entries.newest() == [] and journal.tasks.actions() == []


@pytest.mark.parametrize(
    ("actions", "message"),
    [("Call Sam", "not one text"), (["Call Sam", 3], "must be text")],
)
def test_actions_must_be_texts(journal: Journal, actions: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        journal.entries.add(kind="exercise", answers=[], actions=actions)  # type: ignore[arg-type]
    assert journal.entries.newest() == []


def test_entry_and_actions_are_one_transaction(journal: Journal, journal_path: Path) -> None:
    raw = sqlite3.connect(journal_path, isolation_level=None)
    try:  # a real SQLite failure on the second action, after the entry and first action
        raw.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON actions WHEN NEW.text = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    finally:
        raw.close()
    with pytest.raises(JournalError) as caught:
        next_steps(journal, "fine", "boom", answer="Some words")
    assert "your exercise could not be saved" in str(caught.value)
    assert journal.entries.newest() == [] and journal.tasks.actions() == []


def test_actions_list_to_do_first_then_newest(journal: Journal) -> None:
    next_steps(journal, "a1", "a2", day=0)
    next_steps(journal, "b1", "b2", day=1)
    by_text = {action.text: action for action in journal.tasks.actions()}
    assert texts(journal.tasks.actions()) == ["b1", "b2", "a1", "a2"]  # one exercise: as written
    journal.tasks.set_action_done(by_text["b1"].id, True)
    journal.tasks.set_action_done(by_text["a2"].id, True)
    assert texts(journal.tasks.actions()) == ["b2", "a1", "b1", "a2"]
    assert texts(journal.tasks.actions(include_done=False)) == ["b2", "a1"]


def test_ticking_an_action_off_and_back(journal: Journal, clock: Clock) -> None:
    next_steps(journal, "Call Sam")
    [action] = journal.tasks.actions()

    clock.moment = MONDAY_9AM + timedelta(days=2)
    done = journal.tasks.set_action_done(action.id, True)
    assert done.done and done.done_at == done.updated_at == "2026-01-07T09:00:00+01:00"
    assert done.created_at == action.created_at
    assert journal.tasks.actions() == [done]

    clock.moment = MONDAY_9AM + timedelta(days=3)
    assert journal.tasks.set_action_done(action.id, True) == done  # still the first moment
    assert journal.tasks.actions() == [done]

    undone = journal.tasks.set_action_done(action.id, False)
    assert not undone.done and undone.done_at is None
    assert undone.updated_at == "2026-01-08T09:00:00+01:00"
    assert journal.tasks.actions() == [undone]
    assert journal.tasks.set_action_done(action.id, False) == undone


def test_unknown_action_is_refused(journal: Journal) -> None:
    next_steps(journal, "Call Sam")
    before = journal.tasks.actions()
    missing = str(uuid.uuid4())
    with pytest.raises(ActionNotFound, match="no longer in your journal") as caught:
        journal.tasks.set_action_done(missing, True)
    assert caught.value.action_id == missing
    with pytest.raises(TypeError):
        journal.tasks.set_action_done(before[0].id, 1)  # type: ignore[arg-type]
    assert journal.tasks.actions() == before


def test_actions_survive_reopening(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        next_steps(journal, "Call Sam", "Walk")
        first = journal.tasks.actions()[0]
        journal.tasks.set_action_done(first.id, True)
        saved = journal.tasks.actions()
    with Journal.open(journal_path) as journal:
        assert journal.tasks.actions() == saved


# -- the Markdown export ---------------------------------------------------------------


def test_exercises_export_like_practices(journal: Journal) -> None:
    next_steps(journal, "Call Sam", "Walk at lunch", day=1, answer="Small, doable steps.")
    journal.entries.add(
        kind="exercise", week=2, answers=[Answer("Q?", "Unnamed.")], created_at=MONDAY_9AM
    )
    walk = next(a for a in journal.tasks.actions() if a.text == "Walk at lunch")
    journal.tasks.set_action_done(walk.id, True)
    stream = io.StringIO()
    assert write_export(journal, "md", stream) == 2
    assert stream.getvalue() == (
        "# My reflection log\n"
        "\n"
        "*Written on Monday 5 January 2026, 09:00.*\n"
        "\n"
        "## Week 2\n"
        "\n"
        "### Exercise — Monday 5 January 2026, 09:00\n"
        "\n"
        "**Q?**\n"
        "\n"
        "Unnamed.\n"
        "\n"
        "### Next steps — Tuesday 6 January 2026, 09:00\n"
        "\n"
        "**What will you do this week?**\n"
        "\n"
        "Small, doable steps.\n"
        "\n"
        "**Actions**\n"
        "\n"
        "- [ ] Call Sam\n"
        "- [x] Walk at lunch\n"
    )


def test_an_exercise_of_only_actions_exports_them(journal: Journal) -> None:
    next_steps(journal, "Call Sam")
    stream = io.StringIO()
    write_export(journal, "md", stream)
    assert stream.getvalue().endswith(
        "### Next steps — Monday 5 January 2026, 09:00\n\n**Actions**\n\n- [ ] Call Sam\n"
    )


# -- importing -------------------------------------------------------------------------


def test_records_import_without_sqlite_utils() -> None:
    code = (
        "import sys\n"
        "from practice_tui.journal import Action, Answer, Entry, JournalError\n"
        "assert Action('a', None, 1, 'Call Sam', 'c', 'u', done_at=None).done is False\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported'\n"
        "assert 'practice_tui.journal.store' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_actions_of_one_entry(journal: Journal) -> None:
    first = journal.entries.add(
        kind="exercise", practice_id="x", practice_name="X", answers=[], actions=["a", "b"]
    )
    journal.entries.add(
        kind="exercise", practice_id="x", practice_name="X", answers=[], actions=["c"]
    )
    assert [a.text for a in journal.tasks.actions(entry_id=first.id)] == ["a", "b"]
    assert journal.tasks.actions(entry_id="no-such-entry") == []
