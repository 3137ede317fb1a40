"""Takes: the take folder (journal, live-encoded video, raw audio), the take check and the deliverable."""
