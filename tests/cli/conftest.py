"""Tests of the headless command line: subcommands, exit codes, one-line errors."""
