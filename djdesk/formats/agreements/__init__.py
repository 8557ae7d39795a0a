"""File formats of the agreements area: clause templates (JSON) and Word copies (.docx)."""
