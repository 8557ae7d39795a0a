"""场地预约 files: usage statistics workbook and the season-schedule import sheet."""
