"""The journal as one self-contained HTML page, to read in a browser or print.

Everything is in the one file: the styles are inline, there is no script, no font, image or
link to fetch (a Content-Security-Policy says so to the browser as well), so the page opens
the same offline, years from now. Every piece of the person's text is escaped, and control
characters are shown as their symbols (␛), so nothing they wrote can become markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import TextIO

from practice_tui.journal.export import (
    LOG_TITLE,
    OTHER_ACTIONS_TITLE,
    ExportOptions,
    Log,
    LogItem,
    describe_query,
    empty_words,
    entry_marks,
    entry_title,
    practice_name_for,
    practised_words,
    week_title,
    written_on,
)
from practice_tui.journal.literal_text import literal
from practice_tui.journal.models import Action
from practice_tui.journal.store import Journal
from practice_tui.journal.times import describe

_STYLE = """
:root { color-scheme: light; }
html { background: #fbfaf7; }
body {
  margin: 0 auto; padding: 2.5rem 1.5rem 4rem; max-width: 38rem;
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  font-size: 1.0625rem; line-height: 1.6; color: #222; background: #fbfaf7;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
header { margin-bottom: 2.5rem; border-bottom: 1px solid #d9d4c7; padding-bottom: 1rem; }
h1, h2, h3, h4 {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.25; color: #1d3b36;
}
h1 { font-size: 2rem; margin: 0 0 .25rem; font-weight: 600; }
h2 {
  font-size: 1.4rem; margin: 3rem 0 1rem; padding-bottom: .25rem;
  border-bottom: 2px solid #7fb0a8;
}
h3 { font-size: 1.1rem; margin: 2rem 0 .25rem; }
h3 .when { display: block; font-weight: 400; font-size: .9rem; color: #5b625f; }
.meta, .about { color: #5b625f; font-size: .95rem; margin: .25rem 0; }
.question { font-weight: 600; margin: 1rem 0 .25rem; color: #333; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 .75rem; }
.actions { list-style: none; padding-left: 0; }
.actions li { margin: .2rem 0; overflow-wrap: anywhere; }
.actions .done { color: #5b625f; }
article { margin-bottom: 1.75rem; }
.empty { font-style: italic; color: #5b625f; }
@page { margin: 2cm 2.2cm; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
  h1, h2, h3 { color: #000; break-after: avoid; }
  h2 { border-bottom-color: #000; }
  section + section { break-before: page; }
  article { break-inside: avoid-page; }
  .answer { orphans: 3; widows: 3; }
}
"""


def visible(text: str) -> str:
    """The person's text, escaped for HTML, with control characters shown as on screen
    (control characters other than tab and line ends are not allowed in a page's text)."""
    return html.escape(literal(text.replace("\r\n", "\n")), quote=True)


def _head(journal: Journal, about: str) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="generator" content="practice-tui">',
        f"<title>{visible(LOG_TITLE)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{visible(LOG_TITLE)}</h1>",
        f'<p class="meta">{visible(written_on(journal))}</p>',
    ]
    if about:
        parts.append(f'<p class="about">{visible(about)}</p>')
    parts += ["</header>", "<main>"]
    return "\n".join(parts) + "\n"


def _actions(actions: Iterable[Action]) -> str:
    items = []
    for action in actions:
        mark, cls = ("☑", ' class="done"') if action.done else ("☐", "")
        items.append(f"<li{cls}>{mark} {visible(' '.join(action.text.split()))}</li>")
    return '<ul class="actions">\n' + "\n".join(items) + "\n</ul>"


def _article(item: LogItem) -> Iterator[str]:
    entry = item.entry
    yield "<article>"
    yield (
        f"<h3>{visible(entry_title(entry))}"
        f'<span class="when">{visible(describe(entry.created_at))}</span></h3>'
    )
    for line in (practised_words(item), entry_marks(entry)):
        if line:
            yield f'<p class="meta">{visible(line)}</p>'
    for answer in entry.answers:
        if answer.is_blank:
            continue
        question = " ".join(answer.question.split())
        if question:
            yield f'<p class="question">{visible(question)}</p>'
        # dir="auto": a paragraph in Arabic or Hebrew reads from the right.
        yield f'<div class="answer" dir="auto">{visible(answer.answer.strip(chr(10)))}</div>'
    if item.actions:
        yield '<p class="question">Actions</p>'
        yield _actions(item.actions)
    yield "</article>"


def write(journal: Journal, stream: TextIO, options: ExportOptions) -> int:
    """Write the page; returns how many entries it holds."""
    with journal.bulk.read() as db:
        log = Log(journal, db, options)
        about = describe_query(log.query, practice_name=practice_name_for(journal, log.query))
        stream.write(_head(journal, about))
        in_section = False
        for item in log.items():
            if item.starts_week:
                if in_section:
                    stream.write("</section>\n")
                stream.write(f"<section>\n<h2>{visible(week_title(item.entry.week))}</h2>\n")
                in_section = True
            stream.write("\n".join(_article(item)) + "\n")
        if in_section:
            stream.write("</section>\n")
        if not log.count:
            stream.write(f'<p class="empty">{visible(empty_words(log.query))}</p>\n')
        if others := log.other_actions():
            stream.write(f"<section>\n<h2>{visible(OTHER_ACTIONS_TITLE)}</h2>\n")
            stream.write(_actions(others) + "\n</section>\n")
    stream.write("</main>\n</body>\n</html>\n")
    return log.count
