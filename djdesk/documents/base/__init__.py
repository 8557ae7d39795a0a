"""Shared print base: fonts, the official A4 layout, table reports, serial numbers."""
