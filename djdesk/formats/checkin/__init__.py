"""Check-in files: reading units' roster sheets and writing the blank roster template."""
