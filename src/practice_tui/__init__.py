"""practice-tui: a calm terminal companion for the Compassionate Leadership programme."""

__version__ = "0.1.0"
