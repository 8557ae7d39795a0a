"""Check-in documents: the 报到回执 with its stub."""
