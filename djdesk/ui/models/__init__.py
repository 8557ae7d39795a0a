"""Qt item models over service results (each passes pytest-qt's ``qtmodeltester``)."""
