"""党员报到 area UI: counter page, member list, units, grids and posts, dialogs, models."""
