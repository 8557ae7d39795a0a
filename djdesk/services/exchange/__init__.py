"""数据交换: upward packages by file, the street level that merges them, downward reference data.

Modules: :mod:`.tables` (which tables travel, found from the models), :mod:`.keys` (this
site's signing key), :mod:`.partners` (registered communities, the 上级), :mod:`.export` and
:mod:`.publish` (writing packages), :mod:`.inbound` (opening and checking a package),
:mod:`.apply_records` and :mod:`.apply_reference` (plan and apply), :mod:`.importing` (the
entry point for one or more files), :mod:`.received` (the received-packages log),
:mod:`.street_data` and :mod:`.street_reports` (reports across communities).
"""
