"""What one request has read of the label table: `policy.visible_label_ids`'s answers, kept for the request.

A page asks `visible_label_ids` for every section it reads (a report page, a dozen times), and each ask cost
a query; within a request (`labels_read_once_per_request`, around every request: `access.middleware`) it
is asked once per reader. The answers are forgotten whenever the request stores or takes up a label
(`forget_request_answers`, from `labels.intern_label`): a label another process committed meanwhile and
that this request now writes with is then seen, and a record the request creates is visible to its creator.

`answering_with` fixes the answer for one reader, so that a layer body cached under a visibility class is
computed from exactly that class's labels, whichever thread computes it (cop/bodies.py).
"""

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import post_save
from django.dispatch import receiver

from peacekeeper.access.models import ReleaseLabel


@dataclass
class RequestAnswers:
    # Subject (policy.Subject) -> the ids of the labels it may see.
    answers: dict[Hashable, tuple[int, ...]] = field(default_factory=dict)
    # A label was stored in this request: answers read inside a transaction are no longer kept (they may
    # hold its id, which a rollback would free for another label).
    label_stored: bool = False


_this_request: ContextVar[RequestAnswers | None] = ContextVar("visible_label_ids_this_request", default=None)


def this_request() -> RequestAnswers | None:
    return _this_request.get()


@contextmanager
def labels_read_once_per_request() -> Iterator[None]:
    """Around one request's handling: `visible_label_ids` asks the database once per reader."""
    token = _this_request.set(RequestAnswers())
    try:
        yield
    finally:
        _this_request.reset(token)


@contextmanager
def answering_with(subject: Hashable, label_ids: tuple[int, ...]) -> Iterator[None]:
    """Within: `visible_label_ids` answers these ids for this subject (and asks as usual for any other)."""
    token = _this_request.set(RequestAnswers(answers={subject: tuple(label_ids)}))
    try:
        yield
    finally:
        _this_request.reset(token)


def forget_request_answers() -> None:
    """The request takes up a label (stored, or found stored): its next ask reads the label table again."""
    answers = _this_request.get()
    if answers is not None:
        answers.answers.clear()


@receiver(post_save, sender=ReleaseLabel)
def _label_stored(**kwargs: object) -> None:
    answers = _this_request.get()
    if answers is not None:
        answers.answers.clear()
        answers.label_stored = True
