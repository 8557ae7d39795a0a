"""Shared UI pieces: page frame, form kit, table-model base, tasks, theme, PDF preview."""
