"""The app's three themes: dark (the calm one it always had), light for bright offices, and
high contrast. Textual's own themes are not offered: every text colour here is checked for
WCAG AA contrast (tests/app/test_contrast.py), and theirs are not.

"Dim" text (a quieter word beside a name) is never left to the terminal, which may draw it
too faint to read: :data:`DIM_FACTOR` blends it towards the background by a known amount.
"""

from __future__ import annotations

from textual import constants
from textual.constants import AnimationLevel
from textual.theme import Theme

#: How far dim text moves from its colour towards the background (1.0: not at all). Chosen
#: so dim text on every theme's background stays above 4.5:1.
DIM_FACTOR = 0.72

DARK = Theme(
    name="dark",
    primary="#7fb0a8",
    secondary="#a3b7cc",
    accent="#d9b77e",
    foreground="#e4e1da",
    background="#1d2326",
    surface="#242c30",
    panel="#2c363b",
    success="#8fbf8a",
    warning="#d9b77e",
    error="#d98c7e",
    dark=True,
    variables={
        "text-muted": "#b3b0a9",
        "foreground-muted": "#b3b0a9",
        # A deep teal: the accent (a week's ▶) and a dim word both read on the highlighted row.
        "block-cursor-background": "#2f4a46",
        "block-cursor-foreground": "#f4f1ea",
    },
)

LIGHT = Theme(
    name="light",
    primary="#2b665d",
    secondary="#3d5a78",
    accent="#7d4c00",
    foreground="#24282a",
    background="#f7f4ee",
    surface="#eeeae2",
    panel="#e3ded3",
    success="#2f6134",
    warning="#7d4c00",
    error="#9c3524",
    dark=False,
    variables={
        "text-muted": "#4f5457",
        "foreground-muted": "#4f5457",
        "footer-key-foreground": "#7d4c00",
        "block-cursor-background": "#bcd9d3",
        "block-cursor-foreground": "#1a1d1f",
    },
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#5fd7ff",
    secondary="#afd7ff",
    accent="#ffd75f",
    foreground="#ffffff",
    background="#000000",
    surface="#0d0d0d",
    panel="#1c1c1c",
    success="#87ff87",
    warning="#ffd75f",
    error="#ff9f8f",
    dark=True,
    variables={
        "text-muted": "#dcdcdc",
        "foreground-muted": "#dcdcdc",
        "footer-key-foreground": "#ffd75f",
        "block-cursor-background": "#003b6f",
        "block-cursor-foreground": "#ffffff",
    },
)

#: By name, in the order Settings offers them.
THEMES: dict[str, Theme] = {theme.name: theme for theme in (DARK, LIGHT, HIGH_CONTRAST)}
#: What Settings calls each.
THEME_LABELS = {"dark": "dark", "light": "light", "high-contrast": "high contrast"}


def starting_theme(chosen: str, *, no_color: bool) -> str:
    """The theme to open with: the participant's, or dark for a name not known (a file from a
    newer version); high contrast under ``NO_COLOR``, as its greys keep every word clear."""
    if no_color:
        return HIGH_CONTRAST.name
    return chosen if chosen in THEMES else DARK.name


def motion_level(reduced: bool) -> AnimationLevel:
    """Textual's animation level for the "reduced motion" setting: none at all, or its own."""
    return "none" if reduced else constants.TEXTUAL_ANIMATIONS
