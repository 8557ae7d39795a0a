"""Fixtures of the check-in area's tests (the roster registry: two units and a grid)."""

from tests.helpers.checkin_registry import registry

__all__ = ["registry"]
