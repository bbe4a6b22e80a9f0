"""Per-request memory of the access policy's answers that cannot change within a request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from peacekeeper.access.request_labels import labels_read_once_per_request


class LabelsReadOncePerRequestMiddleware:
    """`policy.visible_label_ids` reads the label table once per request and reader, not once per section.

    A streamed answer's body (the live stream) is produced after this returns, so it asks afresh each
    time, as a reader held longer than a request must.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with labels_read_once_per_request():
            return self.get_response(request)
