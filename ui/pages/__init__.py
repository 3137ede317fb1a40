"""The support-worker flow's screens, one module (or package) per step; see ui.pages.base."""
