"""Database layer: declarative base, engine and unit of work, audit hook, backups, migrations."""
