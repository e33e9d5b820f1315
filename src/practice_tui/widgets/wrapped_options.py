"""An option list whose prompts are drawn for its width: wrapped by the prompt's own rule
(a hanging indent, say) each time the list's width changes, so Textual never wraps a long
line back to the margin."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.events import Resize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: Draws a prompt for a width in cells (0: as wide as it likes).
Prompt = Callable[[int], Content]

#: Each option's padding, left and right (Textual's OptionList draws options with ``0 1``).
OPTION_PADDING = 2


class WrappedOptionList(OptionList):
    """Options given as (prompt, id, disabled); prompts are drawn again on a change of width."""

    def __init__(
        self, options: Sequence[tuple[Prompt, str, bool]], *, id: str | None = None
    ) -> None:
        self._prompts = [prompt for prompt, _, _ in options]
        self._drawn_for = 0
        super().__init__(
            *(Option(prompt(0), id=key, disabled=off) for prompt, key, off in options), id=id
        )

    def on_resize(self, _: Resize) -> None:
        width = self.scrollable_content_region.width - OPTION_PADDING
        if width <= 0 or width == self._drawn_for:
            return
        self._drawn_for = width
        for index, prompt in enumerate(self._prompts):
            self.replace_option_prompt_at_index(index, prompt(width))
