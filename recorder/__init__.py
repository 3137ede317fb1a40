"""Voicebooth's core: capture, takes, media, submissions, outbox, upload and configuration.

Nothing in this package imports QtWidgets or QtGui (checked by ``lint-imports`` and a test); the one
Qt dependency is the QtMultimedia microphone adapter in ``recorder.devices``.
"""

__version__ = "0.1.0"
