"""The prompt page (one question: read, count down, record, check, watch back, keep or retake, trim).

:mod:`ui.pages.prompt.page` is the page; its panels, keys, question texts and the take controller are
beside it. Importing this package registers the page for :attr:`recorder.flow.Step.PROMPT`.
"""

from ui.pages.prompt.page import PromptPage

__all__ = ["PromptPage"]
