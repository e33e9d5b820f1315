"""A week card written out: Markdown, or one self-contained HTML page to print.

The words come from script files, some of them a participant's own, so every piece of text is
made literal for its format: escaped for HTML, unable to add structure in Markdown. The
support lines are the app's own Markdown; only their bold survives into HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from practice_tui.journal.literal_text import literal
from practice_tui.paper.card import DAYS, CardPractice, WeekCard
from practice_tui.paper.plan import clock

# -- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md(text: str) -> str:
    """Script text for Markdown: shown as written, never read as structure."""
    text = _MD_SPECIAL.sub(r"\\\1", literal(" ".join(text.split())))
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def _md_practice(practice: CardPractice) -> list[str]:
    way = f" · {md(practice.way)}" if practice.way else ""
    lines = [f"### {md(practice.name)}{way} · {practice.minutes} min", ""]
    if practice.other_ways:
        lines += [f"*Other ways:* {md(', '.join(practice.other_ways))}", ""]
    if practice.support_note:
        lines += [f"*{md(practice.support_note)}*", ""]
    for step in practice.steps:
        lines.append(f"- **{clock(step.start)}** {md(step.phase)}: {md(step.words)}")
    lines.append(f"- **{clock(practice.minutes * 60)}** The end bell.")
    if practice.card is not None:
        lines += ["", f"**{md(practice.card.title)}**", ""]
        lines += [f"- {md(prompt)}" for prompt in practice.card.prompts]
    return [*lines, ""]


def card_markdown(card: WeekCard) -> str:
    lines = [f"# Week {card.number} · {md(card.title)}", "", f"*{md(card.theme)}*", ""]
    lines += ["## This week", ""]
    for index, item in enumerate(card.agenda, start=1):
        note = f" {md(item.note)}" if item.note else ""
        lines.append(f"{index}. **{md(item.title)}**: {md(item.label)}.{note}")
    lines.append("")
    if card.practices:
        lines += ["## The practices", ""]
        for practice in card.practices:
            lines += _md_practice(practice)
    if card.home_tasks:
        lines += ["## Home tasks", "", "| task | " + " | ".join(DAYS) + " |"]
        lines.append("|---|" + "---|" * len(DAYS))
        for task in card.home_tasks:
            lines.append(f"| {md(task.title)} | " + " | ".join("☐" for _ in DAYS) + " |")
        lines.append("")
        for task in card.home_tasks:
            if task.description:
                lines.append(f"- **{md(task.title)}**: {md(task.description)}")
        lines.append("")
    lines += ["## Where support is", ""]
    lines += [f"- {line}" for line in card.support]
    return "\n".join(lines) + "\n"


# -- HTML --------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; font-size: 10pt; line-height: 1.35; color: #222;
  max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; color: #1d3b36; }
h2 { font-size: 1.1rem; margin: 1rem 0 .3rem; border-bottom: 1px solid #7fb0a8; color: #1d3b36; }
h3 { font-size: 1rem; margin: .7rem 0 .2rem; }
.theme, .note, .other { color: #555; font-style: italic; margin: .2rem 0; }
ol, ul { margin: .2rem 0; padding-left: 1.4rem; }
.steps { list-style: none; padding-left: 0; }
.steps .at { display: inline-block; width: 3rem; font-variant-numeric: tabular-nums; }
.steps .phase { color: #555; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { border: 1px solid #999; padding: .15rem .4rem; text-align: left; }
td.box { width: 2.2rem; height: 1.1rem; }
@page { margin: 1.2cm; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; } }
"""

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def esc(text: str) -> str:
    """Script text for HTML: escaped, with control characters shown, never obeyed."""
    return html.escape(literal(" ".join(text.split())), quote=True)


def _support_html(line: str) -> str:
    """One of the app's own support lines: escaped, then its Markdown bold made bold."""
    escaped = html.escape(line.replace("`", ""), quote=True)
    return _BOLD.sub(r"<strong>\1</strong>", escaped)


def _html_practice(practice: CardPractice) -> list[str]:
    way = f" · {esc(practice.way)}" if practice.way else ""
    out = [f"<h3>{esc(practice.name)}{way} · {practice.minutes} min</h3>"]
    if practice.other_ways:
        out.append(f'<p class="other">Other ways: {esc(", ".join(practice.other_ways))}</p>')
    if practice.support_note:
        out.append(f'<p class="note">{esc(practice.support_note)}</p>')
    out.append('<ul class="steps">')
    for step in practice.steps:
        out.append(
            f'<li><span class="at">{clock(step.start)}</span>'
            f'<span class="phase">{esc(step.phase)}:</span> {esc(step.words)}</li>'
        )
    out.append(f'<li><span class="at">{clock(practice.minutes * 60)}</span>The end bell.</li>')
    out.append("</ul>")
    if practice.card is not None:
        out.append(f"<p><strong>{esc(practice.card.title)}</strong></p><ul>")
        out += [f"<li>{esc(prompt)}</li>" for prompt in practice.card.prompts]
        out.append("</ul>")
    return out


def card_html(card: WeekCard) -> str:
    title = f"Week {card.number} · {esc(card.title)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="theme">{esc(card.theme)}</p>',
        "<h2>This week</h2><ol>",
    ]
    for item in card.agenda:
        note = f' <span class="note">{esc(item.note)}</span>' if item.note else ""
        out.append(f"<li><strong>{esc(item.title)}</strong>: {esc(item.label)}.{note}</li>")
    out.append("</ol>")
    if card.practices:
        out.append("<h2>The practices</h2>")
        for practice in card.practices:
            out += _html_practice(practice)
    if card.home_tasks:
        out.append("<h2>Home tasks</h2><table><tr><th>task</th>")
        out += [f"<th>{day}</th>" for day in DAYS]
        out.append("</tr>")
        for task in card.home_tasks:
            boxes = "".join('<td class="box"></td>' for _ in DAYS)
            out.append(f"<tr><td>{esc(task.title)}</td>{boxes}</tr>")
        out.append("</table><ul>")
        for task in card.home_tasks:
            if task.description:
                out.append(f"<li><strong>{esc(task.title)}</strong>: {esc(task.description)}</li>")
        out.append("</ul>")
    out.append("<h2>Where support is</h2><ul>")
    out += [f"<li>{_support_html(line)}</li>" for line in card.support]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


def card_format(path: Path | None) -> str:
    """ "html" for a file ending .html or .htm, else "md" (and on standard output)."""
    if path is not None and path.suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"


def render_card(card: WeekCard, fmt: str) -> str:
    return card_html(card) if fmt == "html" else card_markdown(card)
