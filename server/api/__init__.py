"""Intake server HTTP API: submissions (upload keys) and review (reviewer tokens)."""
