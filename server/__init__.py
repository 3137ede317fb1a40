"""Voicebooth intake server: tus uploads, submissions, review API, storage and the voicebooth-server CLI."""
