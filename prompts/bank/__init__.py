"""The built-in offline question bank, as TOML data files (a package so they ship)."""
