"""What a practice-tui JSON export says it is: shared by the writer and the importer.

A module of its own so that ``import`` (and its dry run) checks a file without loading the
exporters (start-up).
"""

#: What a file says it is, and the version of its layout; importing refuses a newer one.
FORMAT = "practice-tui-journal"
FORMAT_VERSION = 1
