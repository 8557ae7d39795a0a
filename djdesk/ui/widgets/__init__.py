"""Reusable widgets (forms, cards) shared by pages and dialogs."""
