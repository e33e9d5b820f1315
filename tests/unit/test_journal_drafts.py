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
        first = journal.save_draft({"answers": ["a"]})
        second = journal.save_draft({"answers": ["b"]})
        assert journal.save_draft({"answers": ["a, more"]}, first) == first
        drafts = journal.drafts()
        assert [d.id for d in drafts] == [first, second]
        assert drafts[0].content == {"answers": ["a, more"]}
    with Journal.open(tmp_path / "j.sqlite3") as again:
        assert {d.id for d in again.drafts()} == {first, second}


def test_saving_the_entry_removes_its_draft_in_the_same_transaction(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.save_draft({"answers": ["kept"]})
        journal.add_entry(answers=[Answer("Q?", "kept")], draft_id=draft)
        assert journal.drafts() == []
        assert len(journal.entries()) == 1


def test_a_discarded_draft_is_gone_and_text_round_trips(tmp_path: Path) -> None:
    awkward = "[bold]x[/] \x1b[31m 🌿 " + "word " * 20_000
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.save_draft({"answers": [awkward]})
        assert journal.drafts()[0].content["answers"] == [awkward]
        journal.discard_draft(draft)
        assert journal.drafts() == []
