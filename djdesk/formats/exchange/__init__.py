"""The sync package (docs/sync-format.md): signed, optionally encrypted zip files of records.

Pure like every format: bytes and typed data in and out, no database. The services describe the
travelling tables (:mod:`.columns`), hand records to :mod:`.writer` and read them back through
:mod:`.reader`; keys and signatures live in :mod:`.keys`, the passphrase envelope in
:mod:`.envelope`, the manifest in :mod:`.manifest`.
"""
