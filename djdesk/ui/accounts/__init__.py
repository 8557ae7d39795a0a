"""Accounts area UI: login, staff accounts, audit log, backups and restore, idle lock."""
