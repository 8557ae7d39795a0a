"""PDF documents of the agreements area: agreements, responsibility books, 党群连心卡."""
