"""Which ffmpeg runs: an explicit path, the configured one, VOICEBOOTH_FFMPEG, imageio-ffmpeg, else PATH."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import imageio_ffmpeg
import pytest

from recorder.media import ffmpeg_binary
from recorder.media.ffmpeg_binary import ENV_VAR, FfmpegNotFoundError, configure, ffmpeg_exe


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    yield
    configure(None)


def fake_program(path: Path) -> Path:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_bundled_binary_is_the_default() -> None:
    assert ffmpeg_exe() == imageio_ffmpeg.get_ffmpeg_exe()
    assert ffmpeg_binary._configured is None


def test_environment_then_configuration_then_explicit_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = fake_program(tmp_path / "ffmpeg-env")
    configured = fake_program(tmp_path / "ffmpeg-config")
    explicit = fake_program(tmp_path / "ffmpeg-explicit")
    monkeypatch.setenv(ENV_VAR, str(from_env))
    assert ffmpeg_exe() == str(from_env)
    configure(str(configured))
    assert ffmpeg_exe() == str(configured)
    assert ffmpeg_exe(str(explicit)) == str(explicit)
    configure("")
    assert ffmpeg_exe() == str(from_env)


def test_a_command_name_is_found_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_program(tmp_path / "my-ffmpeg")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    configure("my-ffmpeg")
    assert ffmpeg_exe() == str(tmp_path / "my-ffmpeg")


def test_a_configured_path_that_is_not_a_program_is_explained(tmp_path: Path) -> None:
    not_a_program = tmp_path / "ffmpeg.txt"
    not_a_program.write_text("hello")
    configure(str(not_a_program))
    with pytest.raises(FfmpegNotFoundError, match="not a program that can be run"):
        ffmpeg_exe()


def test_without_imageio_ffmpeg_the_systems_ffmpeg_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Linux package: imageio-ffmpeg is left out and the distribution's ffmpeg is on PATH."""
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # import fails, as in the Linux package
    fake_program(tmp_path / "ffmpeg")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ffmpeg_exe() == str(tmp_path / "ffmpeg")


def test_no_ffmpeg_anywhere_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FfmpegNotFoundError, match="install the 'ffmpeg' package"):
        ffmpeg_exe()
