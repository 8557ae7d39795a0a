"""Pages shown in the main window's page stack; see :mod:`djdesk.ui.pages.registry`."""
