"""Finding the line of a key in a TOML file, so a message can say where a problem is.

``tomllib`` gives positions only for syntax errors. For a missing or wrong field we look the
key up in the text: its table header, then ``key =`` within that table. That covers the plain
way script files are written; when it cannot tell, it says so by returning ``None``.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

#: Patterns, not compiled objects: ``re`` compiles them on first use (and caches them), so a
#: start that reads the course from its cache never pays for compiling them.
_HEADER = r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$"
_KEY = r"^\s*([A-Za-z0-9_\-]+)\s*="


class _Table:
    """A table header found in the text (a plain class: a dataclass costs start-up ~0.7 ms)."""

    __slots__ = ("line", "path")

    def __init__(self, path: KeyPath, line: int) -> None:
        self.path = path
        self.line = line  # 1-based line of its header; 0 for the root table


class Locator:
    """Maps key paths such as ``("phases", 1, "steps", 0, "words")`` to line numbers."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._tables: list[_Table] = [_Table((), 0)]
        counts: dict[KeyPath, int] = {}
        current: KeyPath = ()
        for number, line in enumerate(self._lines, start=1):
            match = re.match(_HEADER, line)
            if not match:
                continue
            names = [part.strip().strip('"') for part in match.group(2).split(".")]
            is_array = match.group(1) == "[["
            path: list[str | int] = []
            # Nested arrays of tables belong to the latest element of their parents.
            for depth, name in enumerate(names):
                path.append(name)
                last = depth == len(names) - 1
                if not last:
                    parent = tuple(path)
                    if parent in counts and _prefix_of(current, parent):
                        path.append(counts[parent] - 1)
            if is_array:
                key = tuple(path)
                counts[key] = counts.get(key, 0) + 1
                path.append(counts[key] - 1)
            current = tuple(path)
            self._tables.append(_Table(current, number))

    def line_of(self, path: KeyPath) -> int | None:
        """The line where ``path`` is set or its table starts; None if it cannot be found."""
        best_index = -1
        best_len = -1
        for index, table in enumerate(self._tables):
            size = len(table.path)
            if path[:size] == table.path and size > best_len:
                best_index, best_len = index, size
        if best_index < 0:
            return None
        table = self._tables[best_index]
        rest = path[best_len:]
        if not rest:
            return table.line or None
        key = rest[0]
        if isinstance(key, str):
            end = self._end_of(best_index)
            for number in range(table.line + 1, end + 1):
                match = re.match(_KEY, self._lines[number - 1])
                if match and match.group(1) == key:
                    return number
        return table.line or None

    def _end_of(self, index: int) -> int:
        """The last line of the table's own keys: up to the next header in the file."""
        start = self._tables[index].line
        later = [t.line for t in self._tables if t.line > start]
        return (min(later) - 1) if later else len(self._lines)


def _prefix_of(path: KeyPath, parent: KeyPath) -> bool:
    return path[: len(parent)] == parent
