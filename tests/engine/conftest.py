"""Tests of the question engine: offline bank and heuristics, LLM client over loopback."""
