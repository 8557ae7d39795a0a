"""The Qt user interface: main window, pages, dialogs, item models and widgets.

Only this package (and :mod:`djdesk.app`) imports Qt. Views talk to the data through service
functions that return frozen dataclasses; they never hold a database session.
"""
