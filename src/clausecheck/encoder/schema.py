"""The reader's heads: names, classes and how their logits are laid out.

All heads read one vector, the mean-pooled last hidden state of the sentence, through a single linear
layer whose output columns are the heads' logits side by side (:data:`HEADS`, in order). Classes
follow the label schema in :mod:`clausecheck.labels` (``training/labels/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from clausecheck.labels import KINDS, PARTIES, REASONS, UNDERTAKINGS

ROLE_CLASSES = ("none", "commitment", "take-back", "related")


@dataclass(frozen=True)
class Head:
    name: str
    classes: tuple[str, ...]
    multi_label: bool = False  # independent sigmoids (binary heads have one class: the positive one)

    @property
    def width(self) -> int:
        return len(self.classes)


HEADS: tuple[Head, ...] = (
    Head("party", PARTIES),
    Head("kind", KINDS),
    *(Head(f"role:{u}", ROLE_CLASSES) for u in UNDERTAKINGS),
    Head("weakened", ("weakened",), multi_label=True),  # for commitments: P(weakened)
    Head("reasons", REASONS, multi_label=True),  # for weakened commitments: P(each reason)
    Head("just_cause", ("just_cause",), multi_label=True),  # for supplier rights to stop supply
)
HEAD_BY_NAME = {h.name: h for h in HEADS}


def head_slices() -> dict[str, slice]:
    out, o = {}, 0
    for h in HEADS:
        out[h.name] = slice(o, o + h.width)
        o += h.width
    return out


N_LOGITS = sum(h.width for h in HEADS)
SCHEMA_ID = "|".join(f"{h.name}:{','.join(h.classes)}:{int(h.multi_label)}" for h in HEADS)
