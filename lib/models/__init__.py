"""The learned parts of an analysis: weights shipped as JSON in lib/data, refit by ``python -m lib train``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lib.types import ToneScorer

# Who decides a quote's speaker (lib.models.speakers.SPEAKER_MODES): the learned ranker, among the mentions
# before the quote and the rules' own words; it cross-validates at least as well as the rules or any mix
# (README, "Measuring quality").
DEFAULT_SPEAKERS = "model"

if TYPE_CHECKING:
    from lib.models.fragments import FragmentModel
    from lib.models.mention_keep import MentionModel
    from lib.models.speakers import SpeakerModel


@dataclass(frozen=True)
class Models:
    """The learned parts an analysis uses: the shipped ones, or those of a cross-validation fold."""

    tone: ToneScorer
    speaker: "SpeakerModel | None"  # scores every attribution; None: no confidence
    speakers: str = DEFAULT_SPEAKERS
    fragments: "FragmentModel | None" = None  # which quoted fragments are someone's words; None: the rules'
    mention: "MentionModel | None" = None  # keeps some names the rules drop; None: the rules alone decide
