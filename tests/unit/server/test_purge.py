"""Retention purge with the clock moved forward: abandoned submissions, expired uploads and tokens go."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from server.app import open_context
from server.auth import KeyHolder
from server.db.models import AuditEvent, ReviewerToken, Submission, UploadKey
from server.services import admin, login
from server.services.intake import create_submission
from server.services.purge import purge
from server.settings import Settings
from server.tus import store


def manifest() -> dict[str, object]:
    return {
        "schema": 1,
        "submission_id": "0b6a4c3e-1f2d-4e5f-8a9b-0c1d2e3f4a5b",
        "campaign_id": "c",
        "app_version": "0.1.0",
        "locale": "en",
        "created_utc": "2026-01-01T10:00:00Z",
        "person": {},
        "consent": {
            "version_id": "v1",
            "text_sha256": "a" * 64,
            "choices": {},
            "given_utc": "2026-01-01T10:00:00Z",
        },
        "takes": [
            {
                "take_id": "t1",
                "prompt_id": "p",
                "prompt_text": "Q?",
                "duration_s": 2.0,
                "size_bytes": 10,
                "sha256": "b" * 64,
                "check": {},
            }
        ],
    }


def test_purge_after_the_retention_periods(tmp_path: Path) -> None:
    clock = [datetime(2026, 1, 2, tzinfo=UTC)]
    ctx = open_context(Settings(data_dir=tmp_path, upload_expiry_s=3600, open_retention_days=30))
    ctx.now = lambda: clock[0]
    admin.add_upload_key(ctx, "k")
    admin.add_reviewer(ctx, "rev", "long enough password")
    with ctx.db.session() as session:
        key_row = session.scalars(select(UploadKey)).one()
    key = KeyHolder(key_row.id, key_row.label)
    create_submission(ctx, key, json.dumps(manifest()).encode())
    upload_id = "a" * 32
    store.make_storage(ctx, store.create_upload(ctx, upload_id, key.id, 100, "", {}))
    asyncio.run(login.login(ctx, "127.0.0.1", "rev", "long enough password"))

    assert purge(ctx).lines()[:2] == ["Expired uploads removed: 0", "Submissions never completed, removed: 0"]
    clock[0] += timedelta(days=31)
    report = purge(ctx)
    assert (report.uploads_expired, report.submissions_abandoned, report.tokens_removed) == (1, 1, 1)
    assert not (tmp_path / "uploads" / upload_id).exists()
    assert not (tmp_path / "uploads" / f"{upload_id}.lock").exists()
    info = store.get_upload(ctx, upload_id)
    assert info is not None and info.state == store.EXPIRED  # the row stays: later requests get 410
    with ctx.db.session() as session:
        assert session.scalars(select(Submission)).all() == []
        assert session.scalars(select(ReviewerToken)).all() == []
        actions = [event.action for event in session.scalars(select(AuditEvent))]
    assert "abandoned_removed" in actions
    ctx.db.dispose()
