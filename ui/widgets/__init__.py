"""Reusable widgets for the guided flow: preview, level meter, remaining-time bar, player, trim control."""
