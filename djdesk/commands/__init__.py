"""Command-line sub-commands, one module per area (``ORDER``, ``register`` and optionally
``register_print`` / ``register_report``), found by :mod:`djdesk.commands.registry`."""
