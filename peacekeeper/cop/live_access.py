"""The access decisions of one live-stream look, for all of a process's open streams at once.

The look re-reads every connected reader with `policy.fresh_subjects` (one query), so a lowered clearance,
a withdrawn role or a deactivated account applies at the next look. `VisibleLabels` keeps
`policy.visible_labels` per distinct subject: readers with the same attributes share one answer, and a
changed subject is a new key. Labels are interned and never change once stored, so an answer stays right
until a label it has not seen appears; then every answer is dropped and asked again.
"""

from collections.abc import Iterable

from peacekeeper.access import policy
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.access.policy import Subject


class VisibleLabels:
    """`policy.visible_labels(subject)` as a set of label ids, asked once per distinct subject."""

    def __init__(self) -> None:
        self._known: frozenset[int] = frozenset()
        self._by_subject: dict[Subject, frozenset[int]] = {}

    def admit(self, label_ids: Iterable[int]) -> None:
        """Make the answers cover these labels: a label not seen before drops them all."""
        if not set(label_ids) <= self._known:
            self.refresh()

    def refresh(self) -> None:
        """Read the label table again (one small query); drop the answers if it holds a new label."""
        known = frozenset(ReleaseLabel.objects.values_list("pk", flat=True))
        if known != self._known:
            self._known = known
            self._by_subject.clear()

    def of(self, subject: Subject) -> frozenset[int]:
        if subject not in self._by_subject:
            self._by_subject[subject] = frozenset(policy.visible_labels(subject).values_list("pk", flat=True))
        return self._by_subject[subject]

    def keep_only(self, subjects: Iterable[Subject]) -> None:
        """Forget the answers for subjects no longer connected (or changed since)."""
        current = set(subjects)
        self._by_subject = {subject: ids for subject, ids in self._by_subject.items() if subject in current}
