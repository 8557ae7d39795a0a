"""Accounts area: staff accounts and passwords, the audit log, backups and restore."""
