"""The support-worker flow in the core: the flow machine, the person's submission session and its services.

:class:`FlowMachine` (:mod:`recorder.flow.machine`) decides which step and phase the person is at; the
transition table and its diagram are :mod:`recorder.flow.transitions`; the data it shares with the pages
is :mod:`recorder.flow.model`. :class:`SubmissionSession` (:mod:`recorder.flow.session`) owns everything on
disk that belongs to the person's submission (folder, takes, saved session, queueing and sending), and
:class:`FlowServices` (:mod:`recorder.flow.services`) is what it needs from outside, built once at start-up.
"""

from recorder.flow.machine import FlowMachine
from recorder.flow.model import (
    ConfirmationNeeded,
    ConsentRecord,
    Event,
    FlowError,
    FlowModel,
    FlowState,
    KeptTake,
    Listener,
    Loss,
    PersonField,
    Phase,
    Step,
)

__all__ = [
    "ConfirmationNeeded",
    "ConsentRecord",
    "Event",
    "FlowError",
    "FlowMachine",
    "FlowModel",
    "FlowState",
    "KeptTake",
    "Listener",
    "Loss",
    "PersonField",
    "Phase",
    "Step",
]
