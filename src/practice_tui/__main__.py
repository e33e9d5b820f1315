"""Allow ``python -m practice_tui``."""

from practice_tui.cli.launch import main

if __name__ == "__main__":
    main()
