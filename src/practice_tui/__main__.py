"""Allow ``python -m practice_tui``."""

from practice_tui.cli import main

if __name__ == "__main__":
    main()
