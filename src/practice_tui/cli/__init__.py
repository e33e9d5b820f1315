"""The command line: the `practice-tui` entry point and its click commands, one module a group."""
