"""Printable documents: reportlab builders, typed data in, PDF bytes out.

Pure: no database, no Qt."""
