"""``voicebooth --demo`` without Qt: the embedded intake server and the headless demo (no display).

:mod:`recorder.demo.server` starts the real intake server in a temporary folder; :mod:`recorder.demo.folders`
removes the folders of demos that were killed; :mod:`recorder.demo.headless` records one take per prompt
through the take pipeline and sends them through the outbox, printing the reference code.
"""
