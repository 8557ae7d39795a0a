"""Site area UI: the site identity form, the first-run dialog and the 设置 page."""
