"""Formats: files in and out as typed data (xlsx, packages). Pure: no database, no Qt."""
