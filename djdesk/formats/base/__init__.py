"""Shared file-format pieces: the styled xlsx report writer."""
