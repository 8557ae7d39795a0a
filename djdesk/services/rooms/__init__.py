"""场地预约: rooms, bookers, bookings with their rules, series, bumps, keys and no-shows."""
