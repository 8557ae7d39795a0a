"""在职党员报到 / 双报到: members, units, grids, posts, check-ins, receipts, reports, rosters."""
