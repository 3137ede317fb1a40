"""The consent wording people were shown: published per campaign version and language, checked at complete,
shown to reviewers, and a reviewer's record of why the wording is known where the server never held it.

``voicebooth-server add-campaign`` publishes a campaign pack's consent versions (:func:`publish_campaign`):
each version id with its exact text in every language and that text's SHA-256. Published texts never
change; publishing the pack again adds only what is new (a new version, or a language a version did not
have), and a version whose published text differs from the pack's is refused: a wording that has been
shown must never be reworded.

Once a campaign has published texts, completing one of its submissions whose ``consent.text_sha256`` is not
the hash of a published text of its ``consent.version_id`` is refused (422 ``consent_wording_unknown``).
A campaign with nothing published is accepted as before, and its submissions' wording is *not verified*
until the campaign is published (the hash then matches) or a reviewer records why the wording is known
(:func:`confirm_wording`, audited). Until then it cannot be exported (:mod:`recorder.consent_rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from recorder.campaign import LOCALES, Campaign
from server.auth import ReviewerUser
from server.context import ServerContext
from server.db.models import ConsentText, Submission, WordingConfirmation
from server.errors import ApiError
from server.services import audit, views
from server.services.closing import reviewable_submission

VERIFIED = "verified"  # the server holds the exact text the person was shown
CONFIRMED = "confirmed"  # a reviewer recorded why the wording is known
UNVERIFIED = "unverified"


class PublishError(ValueError):
    """The pack cannot be published; the message is plain English."""


@dataclass(frozen=True)
class Published:
    """What :func:`publish_campaign` did.

    Attributes:
        campaign_id: the campaign.
        added: ``(version_id, locale, sha256)`` of the texts added now.
        kept: the same for texts that were already published, unchanged.
    """

    campaign_id: str
    added: tuple[tuple[str, str, str], ...]
    kept: tuple[tuple[str, str, str], ...]

    def lines(self) -> list[str]:
        """The CLI's report: one line per text, then a summary."""
        lines = [
            f"{version} {locale} {sha} {'added' if (version, locale, sha) in self.added else 'unchanged'}"
            for version, locale, sha in sorted(self.added + self.kept)
        ]
        lines.append(
            f"Campaign {self.campaign_id}: {len(self.added)} consent text(s) published, "
            f"{len(self.kept)} already published."
        )
        return lines


def publish_campaign(ctx: ServerContext, campaign: Campaign) -> Published:
    """Publishes every consent version of ``campaign`` in every language (idempotent, append-only).

    Raises:
        PublishError: a version already published has a different wording in the pack (nothing is changed).
    """
    added: list[tuple[str, str, str]] = []
    kept: list[tuple[str, str, str]] = []
    now = ctx.now()
    with ctx.db.session() as session:
        for version in campaign.consent_versions:
            for locale in LOCALES:
                text = version.rendered_text(locale)
                sha = version.text_sha256(locale)
                row = session.scalar(
                    select(ConsentText).where(
                        ConsentText.campaign_id == campaign.id,
                        ConsentText.version_id == version.id,
                        ConsentText.locale == locale,
                    )
                )
                if row is None:
                    session.add(ConsentText(campaign_id=campaign.id, version_id=version.id, locale=locale,
                                            text=text, text_sha256=sha, published_utc=now))  # fmt: skip
                    added.append((version.id, locale, sha))
                elif row.text_sha256 != sha:
                    raise PublishError(
                        f"Consent version {version.id} ({locale}) was published with different wording. A "
                        "wording that has been shown must never be changed: add a new consent version."
                    )
                else:
                    kept.append((version.id, locale, sha))
        if added:
            audit.record(session, now, "admin", "campaign_published",
                         detail={"campaign_id": campaign.id, "texts": len(added)})  # fmt: skip
    return Published(campaign.id, tuple(added), tuple(kept))


def check_wording_published(session: Session, submission: Submission) -> None:
    """At complete: refuses a submission of a published campaign whose wording hash is not published.

    Raises:
        ApiError: 422 ``consent_wording_unknown``.
    """
    campaign_published = session.scalar(
        select(exists().where(ConsentText.campaign_id == submission.campaign_id))
    )
    if campaign_published and _matching_text(session, submission) is None:
        raise ApiError(
            422,
            "consent_wording_unknown",
            "The consent wording this person was shown is not one this server has for the campaign "
            "(consent version and wording fingerprint). Update the app's campaign pack, or publish the "
            "campaign's consent wording on the server.",
        )


def _matching_text(session: Session, submission: Submission) -> ConsentText | None:
    """The published text with the submission's version and hash (its own language first), if any."""
    rows = session.scalars(
        select(ConsentText).where(
            ConsentText.campaign_id == submission.campaign_id,
            ConsentText.version_id == submission.consent_version_id,
            ConsentText.text_sha256 == submission.consent_text_sha256.lower(),
        )
    ).all()
    return next((r for r in rows if r.locale == submission.locale), rows[0] if rows else None)


def wording_view(session: Session, submission: Submission) -> dict[str, Any]:
    """The detail's ``consent.wording``: status, the exact text (when verified) and a reviewer's record."""
    text = _matching_text(session, submission)
    confirmation = session.get(WordingConfirmation, submission.id)
    status = VERIFIED if text is not None else CONFIRMED if confirmation is not None else UNVERIFIED
    return {
        "status": status,
        "text": text.text if text is not None else None,
        "locale": text.locale if text is not None else None,
        "confirmation": None
        if confirmation is None
        else {
            "reason": confirmation.reason,
            "reviewer": confirmation.reviewer.username,
            "created_utc": views.utc_text(confirmation.created_utc),
        },
    }


def wording_known(session: Session, submission: Submission) -> bool:
    """Whether the export rule may treat the wording as known (verified or confirmed)."""
    status: str = wording_view(session, submission)["status"]
    return status != UNVERIFIED


def confirm_wording(
    ctx: ServerContext, user: ReviewerUser, submission_id: str, reason: str
) -> dict[str, Any]:
    """A reviewer records why the wording of a not-verified submission is known (audited with the reason).

    Raises:
        ApiError: 404 unknown; 410 withdrawn / consent expired; 409 not received, ``wording_verified``
            (the server holds the text: nothing to record) or ``wording_confirmed`` (recorded already).
    """
    now = ctx.now()
    with ctx.db.session() as session:
        submission = reviewable_submission(ctx, session, submission_id)
        status = wording_view(session, submission)["status"]
        if status == VERIFIED:
            raise ApiError(409, "wording_verified", "The server holds the exact wording; nothing to record.")
        if status == CONFIRMED:
            raise ApiError(409, "wording_confirmed", "Why the wording is known was recorded already.")
        session.add(WordingConfirmation(submission_id=submission_id, reviewer_id=user.id, reason=reason,
                                        created_utc=now))  # fmt: skip
        audit.record(session, now, user.username, "wording_confirmed", submission_id, {"reason": reason})
        session.flush()
        return {"submission_id": submission_id, "wording": wording_view(session, submission)}
