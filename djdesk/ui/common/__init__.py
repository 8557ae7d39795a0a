"""The shared UI pieces every area builds its pages and dialogs from; one module per piece.

Pages and lists:
    ``page``          the page frame (title, actions, scrolling body) and a list page's filter
                      bar, summary line and debounced search
    ``record_table``  the table-model base: columns declared as ``Column`` values
    ``paged_table``   the same for big lists read a page at a time from a service
    ``table_view``    the table view set up one way, and the status badge in its cells
    ``tile``          a figure tile (概览) that may open a page
    ``frozen_table``  a table whose first column stays put while the rest scrolls sideways
    ``search_box``    the counter's as-you-type search box

Forms and dialogs:
    ``form_dialog``   the frame of every data-entry dialog (``FormDialog``): Ctrl+S / Ctrl+Enter /
                      Enter save, Esc asks before discarding, never taller than the screen
    ``field_grid``    the form with a red error line under each field (``FieldGrid``), required
                      fields marked
    ``date_field``    the date field clerks type into (20100315, 2010.3.15, 2010年3月15日 …;
                      Alt+↓/F4 calendar); ``date_text`` reads those forms exactly
    ``editors``       chips, a searchable combo box
    ``confirm``       destructive confirmations (the safe choice is the default) and
                      "discard unsaved input?"
    ``file_dialogs``  open/save file dialogs in Chinese (native on Windows)
    ``dialogs``       the button row (``DialogButtons``), heading, growing to fit, notices
    ``file_ready``    the "file saved — open it?" box
    ``exports``       asking where to save a report and writing it in the background
    ``pdf_preview``   the one preview of every document: thumbnails, zoom, print bar,
                      save a copy, outputs recorded in the document register
    ``print_panel``   the preview's print bar (printer, copies, page range)
    ``preview_thumbnails``  the preview's page thumbnails
    ``printing``      the one QPrinter path (A4, pages on white, calibration offset)
    ``calibration``   per-printer offset calibration with the calibration page
    ``batch_print``   printing many documents in the background with progress and cancel
    ``reprint_reason`` asking why a numbered document is printed again (补打)
    ``print_job``     the print process the command line starts (``python -m``)
    ``errors``        showing an error to the clerk (or the crash dialog for a bug)

Plumbing:
    ``context``       ``UiContext`` and the one change notice (``ctx.notify``,
                      ``watch_changes``)
    ``tasks``         background work with progress and cancel
    ``theme``         colour tokens and the house style sheet; ``assets`` the font,
                      Qt's zh_CN strings and the chevron image
    ``desktop``       handing files and folders to the operating system
"""
