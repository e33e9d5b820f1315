"""An entry's earlier versions for ``practice-tui journal show ID --history``.

Each version says when it was written, when and why it was set aside, and its words, shown
literally like the entry's own (control characters as symbols, never obeyed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from practice_tui.journal.literal_text import literal
from practice_tui.journal.revisions import why_kept
from practice_tui.journal.times import describe

if TYPE_CHECKING:
    from practice_tui.journal.models import Revision


def history_lines(revisions: list[Revision]) -> list[str]:
    """The versions, most recently kept first, as lines to print under the entry."""
    if not revisions:
        return ["", "No earlier versions: these words have not been changed."]
    count = len(revisions)
    lines = ["", f"Earlier versions ({count}), most recently kept first"]
    for number, revision in enumerate(revisions, start=1):
        lines.append("")
        lines.append(
            f"{number}. Written {describe(revision.written_at)}; "
            f"{why_kept(revision.reason)}, {describe(revision.kept_at)}."
        )
        for item in revision.answers:
            if item.is_blank:
                continue
            lines.append(f"   {literal(item.question)}".rstrip())
            lines.extend(
                f"     {literal(line)}".rstrip() for line in item.answer.strip().splitlines()
            )
    return lines


def history_records(revisions: list[Revision]) -> list[dict[str, Any]]:
    """The versions for ``--json``, most recently kept first."""
    return [
        {
            "id": revision.id,
            "written_at": revision.written_at,
            "kept_at": revision.kept_at,
            "reason": revision.reason,
            "answers": [{"question": a.question, "answer": a.answer} for a in revision.answers],
        }
        for revision in revisions
    ]
