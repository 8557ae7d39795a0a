"""Pure checks of official numbers and texts: GB 11643, GB 32100, region codes, phones, pinyin."""
