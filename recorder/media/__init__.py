"""Media helpers around the ffmpeg binary: probing, loudness measurement and running ffmpeg with progress."""
