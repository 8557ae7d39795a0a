"""Dialogs: first-run site set-up, crash report."""
