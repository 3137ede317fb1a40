"""Object-storage rules that need no store: the storage URL, part sizes within S3's 10,000 parts, the Range
header of proxied review streaming, and the advisory lock keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.locks.postgres import libpq_url, lock_key
from server.settings import Settings, SettingsError, load_settings, parse_storage_url
from server.storage.s3 import S3Storage
from server.storage.s3_media import parse_range


@pytest.mark.parametrize(
    ("text", "bucket", "prefix"),
    [("s3://voicebooth", "voicebooth", ""), ("s3://vb-intake/national/2027/", "vb-intake", "national/2027/")],
)
def test_storage_urls(text: str, bucket: str, prefix: str) -> None:
    parsed = parse_storage_url(text)
    assert (parsed.bucket, parsed.prefix) == (bucket, prefix)


@pytest.mark.parametrize(
    "text", ["voicebooth", "s3://", "s3://ab", "s3://Upper", "gs://bucket", "s3://b..x/p", "s3://bucket/../x"]
)
def test_bad_storage_urls_are_refused_by_name(tmp_path: Path, text: str) -> None:
    with pytest.raises(SettingsError, match="storage"):
        load_settings(tmp_path, {"storage": text}, environ={})


def test_s3_settings_are_checked(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="both"):
        load_settings(tmp_path, {"storage": "s3://bucket", "s3_access_key_id": "x"}, environ={})
    with pytest.raises(SettingsError, match="5 MiB"):
        load_settings(tmp_path, {"storage": "s3://bucket", "s3_part_bytes": 1024}, environ={})
    with pytest.raises(SettingsError, match="log_format"):
        load_settings(tmp_path, {"log_format": "xml"}, environ={})


def test_part_size_keeps_uploads_within_ten_thousand_parts(tmp_path: Path) -> None:
    store = S3Storage(Settings(data_dir=tmp_path, storage="s3://bucket/p"), client=object())  # type: ignore[arg-type]
    assert store.part_size_for(2 * 1024**3) == 8 * 1024**2
    huge = 200 * 1024**3
    assert store.part_size_for(huge) * 10_000 >= huge and store.part_size_for(huge) % 1024**2 == 0
    assert store.upload_key("a" * 32) == "p/uploads/" + "a" * 32
    with pytest.raises(ValueError):
        store.media_key("../x")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-9", (0, 9)),
        ("bytes=90-", (90, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=-500", (0, 99)),
        ("bytes=95-200", (95, 99)),
        ("bytes=100-", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=0-9,20-29", None),  # several ranges: the whole file
        ("bytes=9-0", None),
        ("items=0-9", None),
    ],
)
def test_range_header(header: str | None, expected: object) -> None:
    assert parse_range(header, 100) == expected


def test_lock_keys_are_signed_64_bit_and_distinct() -> None:
    keys = {lock_key("upload", f"{i:032x}") for i in range(1000)} | {lock_key("submission", "x")}
    assert len(keys) == 1001 and all(-(2**63) <= key < 2**63 for key in keys)
    assert libpq_url("postgresql+psycopg://u:p@h:5432/db") == "postgresql://u:p@h:5432/db"
