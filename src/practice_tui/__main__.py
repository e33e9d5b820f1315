"""Allow ``python -m practice_tui``."""

from practice_tui.launch import main

if __name__ == "__main__":
    main()
