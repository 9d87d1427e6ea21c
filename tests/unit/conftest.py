"""Unit tests of the domain, the store and export/import: no Textual, no engine."""
