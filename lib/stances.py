"""Stance evidence: a speaker's (or a sentence subject's) tone toward each other actor named."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StanceEvidence:
    source_actor: str
    target_actor: str
    score: float
    kind: str  # "quote": the speaker's words; "statement": a sentence whose subject is the source
    evidence: str
    start: int
    end: int


def stance_records(source: str, targets: list[str], score: float, kind: str,
                   evidence: str, start: int, end: int) -> list[StanceEvidence]:
    """One record per distinct target other than the source itself."""
    seen: set[str] = set()
    out = []
    for target in targets:
        if target and target != source and target not in seen:
            seen.add(target)
            out.append(StanceEvidence(source, target, score, kind, evidence, start, end))
    return out
