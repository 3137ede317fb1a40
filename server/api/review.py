"""Review side of the API (reviewer token): sign-in, list, detail, media, decisions, comments, export."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["review"])
