"""Nothing typed is lost: drafts are kept while writing and offered back after a crash."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from practice_tui.app import StartAt
from practice_tui.journal import Answer, EditDraft, Journal, WritingDraft
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.drafts import DRAFT_DELAY_SECONDS
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.reflect import ReflectScreen
from tests.app.harness import make_app, settled


async def reach_reflection(app, clock, pilot) -> ReflectScreen:
    await pilot.press("enter")
    clock.advance(200)
    app.screen.wake()
    await pilot.pause()
    await pilot.press("enter")  # from the calm end to the reflection
    assert isinstance(app.screen, ReflectScreen)
    return app.screen


def journal_at(folder: Path) -> Journal:
    return Journal.open(folder / "journal.sqlite3")


async def test_typing_keeps_a_draft_a_moment_after_the_last_key(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_reflection(app, clock, pilot)
        await pilot.press(*"My shoulders")
        alarm = screen._draft_alarm
        assert alarm is not None and DRAFT_DELAY_SECONDS <= 2
        screen.keep_draft()  # what the alarm does when it rings
        await settled(pilot)
        with journal_at(private_folders) as other:  # as a crash would find it
            [draft] = other.drafts.all()
        assert isinstance(draft.content, WritingDraft)
        assert draft.content.answers[0] == "My shoulders"
        assert draft.content.ref_id == "breathing-space"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        assert journal.entries.newest()[0].answers[0].answer == "My shoulders"


async def test_after_a_crash_the_draft_is_offered_and_restored(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_reflection(app, clock, pilot)
        await pilot.press(*"Half a thought [bold]")
        screen.keep_draft()
        await settled(pilot)
        screen._done = True  # the process dies here: nothing else is written

    again, _ = make_app(private_folders)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        message = "\n".join(str(s.render()) for s in again.screen.query(Static).results(Static))
        assert "Breathing Space" in message and "not saved" in message
        await pilot.press("y")
        await pilot.pause()
        restored = again.screen
        assert isinstance(restored, ReflectScreen)
        assert restored.query_one("#answer-0", TextArea).text == "Half a thought [bold]"
        await pilot.press("end", *" and the rest.", "ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        [entry] = journal.entries.newest()
        assert entry.answers[0].answer == "Half a thought [bold] and the rest."
        assert entry.session_id == journal.sessions.newest()[0].id


async def test_not_now_keeps_the_draft_and_leaving_on_purpose_drops_it(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_reflection(app, clock, pilot)
        await pilot.press(*"Keep me")
        screen.keep_draft()
        await settled(pilot)
        screen._done = True

    later, _ = make_app(private_folders)
    async with later.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # not now
    with journal_at(private_folders) as journal:
        assert len(journal.drafts.all()) == 1

    last, _ = make_app(private_folders)
    async with last.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape", "y")  # leave without saving, on purpose
        await pilot.pause()
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == [] and journal.entries.newest() == []


async def test_quitting_mid_sentence_keeps_a_draft(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await reach_reflection(app, clock, pilot)
        await pilot.press(*"Unfinished")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "kept as a draft" in "\n".join(
            str(s.render()) for s in app.screen.query(Static).results(Static)
        )
        await pilot.press("y")
        await pilot.pause()
    with journal_at(private_folders) as journal:
        [draft] = journal.drafts.all()
        assert draft.content.answers[0] == "Unfinished"


async def open_edit(app, pilot, entry_id: str):
    """Open the journal, the entry, and its editor."""
    from practice_tui.screens.entry import EditEntryScreen, EntryScreen

    journal = app.services.journal
    screen = EntryScreen(journal.entries.get(entry_id))
    app.push_screen(screen)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, EditEntryScreen)
    return app.screen


async def test_a_change_to_an_entry_is_kept_as_a_draft_and_offered_after_a_crash(
    private_folders: Path,
) -> None:
    from practice_tui.screens.entry import EditEntryScreen

    with journal_at(private_folders) as journal:
        entry = journal.entries.add(
            answers=[Answer("What did you notice?", "Tired.")], practice_name="Resourcing"
        )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        editor = await open_edit(app, pilot, entry.id)
        await pilot.press("end", *" Then calmer.")
        assert editor._draft_alarm is not None and DRAFT_DELAY_SECONDS <= 2
        editor.keep_draft()  # what the alarm does when it rings
        await settled(pilot)
        editor._done = True  # the process dies here
    with journal_at(private_folders) as journal:
        [draft] = journal.drafts.all()
        assert isinstance(draft.content, EditDraft)
        assert draft.content.answers == ("Tired. Then calmer.",)
        assert journal.entries.get(entry.id).answers[0].answer == "Tired."  # not yet changed

    again, _ = make_app(private_folders)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, Confirm)
        message = "\n".join(str(s.render()) for s in again.screen.query(Static).results(Static))
        assert "changing Resourcing" in message
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        editor = again.screen
        assert isinstance(editor, EditEntryScreen)
        assert editor.query_one("#answer-0", TextArea).text == "Tired. Then calmer."
        await pilot.press("ctrl+s")
        await pilot.pause()
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        changed = journal.entries.get(entry.id)
        assert changed.answers[0].answer == "Tired. Then calmer."
        assert changed.edited_at is not None


async def test_discarding_a_change_drops_its_draft(private_folders: Path) -> None:

    with journal_at(private_folders) as journal:
        entry = journal.entries.add(answers=[Answer("q", "Kept as written.")])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        editor = await open_edit(app, pilot, entry.id)
        await pilot.press("end", *" Not this.")
        editor.keep_draft()
        await settled(pilot)
        assert len(app.services.journal.drafts.all()) == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert app.services.journal.drafts.all() == []
    with journal_at(private_folders) as journal:
        assert journal.entries.get(entry.id).answers[0].answer == "Kept as written."


async def test_a_change_to_an_entry_since_deleted_is_kept_as_a_note(private_folders: Path) -> None:
    from practice_tui.screens.entry import edit_draft

    with journal_at(private_folders) as journal:
        entry = journal.entries.add(answers=[Answer("q", "Old words")], practice_name="Resourcing")
        journal.drafts.save(edit_draft(entry, ["New words I must not lose"]))
        journal.entries.trash(entry.id)
        journal.entries.delete_forever(entry.id)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        [note] = journal.entries.newest()
        assert note.kind == "note" and note.text == "New words I must not lose"
