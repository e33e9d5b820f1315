"""Test doubles shared by the unit and app tests (kept out of the production code)."""
