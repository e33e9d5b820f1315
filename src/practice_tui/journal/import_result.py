"""What an import did, counted as it goes, and told in one sentence at the end."""

from __future__ import annotations

from typing import Literal

Source = Literal["practice-tui", "jrnl"]

# Tally and ImportResult are plain classes: counters that change as an import goes, and
# cheaper to create than dataclasses for ``import --dry-run`` (start-up).


class Tally:
    """What happened to the rows of one kind."""

    def __init__(self) -> None:
        self.added = self.updated = self.unchanged = 0

    def __repr__(self) -> str:
        return f"Tally(added={self.added}, updated={self.updated}, unchanged={self.unchanged})"


class ImportResult:
    """What an import did (or, for a trial run, would do)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.entries = Tally()
        self.sessions = Tally()
        self.actions = Tally()
        self.ticks = Tally()
        #: Earlier versions of entries that came in with the file.
        self.revisions = Tally()
        #: jrnl entries with no words at all, which the journal does not keep.
        self.skipped = 0
        #: Entries whose words had changed both here and in the file: the newer words are
        #: current, the others kept in the entry's history.
        self.conflicts = 0

    @property
    def tallies(self) -> tuple[Tally, ...]:
        return (self.entries, self.sessions, self.actions, self.ticks, self.revisions)

    @property
    def changed(self) -> bool:
        return self.conflicts > 0 or any(t.added or t.updated for t in self.tallies)

    def tally(self, table: str) -> Tally:
        return {
            "entries": self.entries,
            "practice_sessions": self.sessions,
            "actions": self.actions,
            "home_task_ticks": self.ticks,
            "entry_revisions": self.revisions,
        }[table]

    def summary(self, *, would: bool = False) -> str:
        """One sentence for the person: what was (or ``would`` be) added and updated."""
        added = [
            _count(self.entries.added, "entry", "entries"),
            _count(self.sessions.added, "practice session"),
            _count(self.actions.added, "action"),
            _count(self.ticks.added, "home-task tick"),
            _count(self.revisions.added, "earlier version"),
        ]
        added = [part for part in added if part]
        add, update = ("Would add", "would update") if would else ("Added", "updated")
        parts = [f"{add} {_and(added)}" if added else f"{add} nothing new"]
        if updated := self.entries.updated + self.actions.updated:
            parts.append(f"{update} {_count(updated, 'row')} with newer changes")
        if unchanged := sum(t.unchanged for t in self.tallies):
            if would:  # "Would add 3 entries; 7 are already here."
                parts.append(f"{unchanged} {'is' if unchanged == 1 else 'are'} already here")
            else:
                parts.append(f"{_count(unchanged, 'row')} already here")
        if self.skipped:
            parts.append(f"skipped {_count(self.skipped, 'empty entry', 'empty entries')}")
        if self.conflicts:
            parts.append(self._both_sides(would))
        return "; ".join(parts) + "."

    def _both_sides(self, would: bool) -> str:
        """Entries changed here and in the file: "N entries had changed on both sides; the
        other versions are kept in their history"."""
        kept = "would be kept" if would else "is kept"
        if self.conflicts == 1:
            return f"1 entry had changed on both sides; the other version {kept} in its history"
        kept = "would be kept" if would else "are kept"
        return (
            f"{self.conflicts} entries had changed on both sides; "
            f"the other versions {kept} in their history"
        )


def _count(number: int, noun: str, plural: str | None = None) -> str:
    if not number:
        return ""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
