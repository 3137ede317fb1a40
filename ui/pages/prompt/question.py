"""The question being asked, as the prompt page shows it: "Question n of m", its text, tips and time limit."""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import translate
from ui.lengths import format_length
from ui.pages.base import PageContext

#: The time limit when no prompt is being answered (never recorded against; keeps the bar well-defined).
DEFAULT_LIMIT_S = 60.0


@dataclass(frozen=True)
class QuestionText:
    """The texts above the picture, translated and in the person's language.

    Attributes:
        counter: "Question 2 of 3".
        text: the prompt as the campaign words it.
        tips: one "• tip" line each, then the time limit.
    """

    counter: str
    text: str
    tips: str


def question_text(ctx: PageContext) -> QuestionText | None:
    """The current prompt's texts, or None outside a prompt."""
    prompt_id = ctx.machine.current_prompt_id
    if prompt_id is None:
        return None
    prompt = ctx.campaign.prompt(prompt_id)
    state = ctx.machine.state
    counter = translate("PromptPage", "Question {n} of {total}").format(
        n=state.prompt_index + 1, total=state.prompt_count
    )
    limit = translate("PromptPage", "You have up to {length} (minutes:seconds).").format(
        length=format_length(prompt.max_duration_s)
    )
    tips = [f"• {tip.get(ctx.locale)}" for tip in prompt.tips]
    return QuestionText(counter=counter, text=prompt.text.get(ctx.locale), tips="\n".join([*tips, limit]))


def time_limit_s(ctx: PageContext) -> float:
    """How long the current prompt's answer may last, in seconds."""
    prompt_id = ctx.machine.current_prompt_id
    if prompt_id is None:
        return DEFAULT_LIMIT_S
    return float(ctx.campaign.prompt(prompt_id).max_duration_s)
