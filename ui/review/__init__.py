"""Review mode (``voicebooth --review``): network leads sign in, review submissions and export approved clips.

A thin Qt layer over :mod:`recorder.review` (API client, token store, clip proxy) and
:mod:`recorder.export`. Entry point: :func:`ui.review.app.run_review_window`.
"""
