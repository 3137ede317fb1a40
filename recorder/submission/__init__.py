"""Submission manifest: schema, validation (and, later, building)."""
