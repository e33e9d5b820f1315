"""Drafts: writing in progress is kept until it is saved as an entry, in one transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

from practice_tui.journal import Answer, Journal


def test_a_draft_is_kept_updated_and_listed_newest_first(tmp_path: Path) -> None:
    minutes = count()
    start = datetime(2026, 3, 2, 9, 0).astimezone()

    def now() -> datetime:
        return start + timedelta(minutes=next(minutes))

    with Journal.open(tmp_path / "j.sqlite3", now=now) as journal:
        first = journal.drafts.save({"answers": ["a"]})
        second = journal.drafts.save({"answers": ["b"]})
        assert journal.drafts.save({"answers": ["a, more"]}, first) == first
        drafts = journal.drafts.all()
        assert [d.id for d in drafts] == [first, second]
        assert drafts[0].content == {"answers": ["a, more"]}
    with Journal.open(tmp_path / "j.sqlite3") as again:
        assert {d.id for d in again.drafts.all()} == {first, second}


def test_saving_the_entry_removes_its_draft_in_the_same_transaction(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.drafts.save({"answers": ["kept"]})
        journal.entries.add(answers=[Answer("Q?", "kept")], draft_id=draft)
        assert journal.drafts.all() == []
        assert len(journal.entries.newest()) == 1


def test_a_discarded_draft_is_gone_and_text_round_trips(tmp_path: Path) -> None:
    awkward = "[bold]x[/] \x1b[31m 🌿 " + "word " * 20_000
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.drafts.save({"answers": [awkward]})
        assert journal.drafts.all()[0].content["answers"] == [awkward]
        journal.drafts.discard(draft)
        assert journal.drafts.all() == []
