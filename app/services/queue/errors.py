"""The queue's refusals: exceptions carrying a message for the person who tried the move."""


class QueueError(Exception):
    """A move the queue refuses, with a message for the person who tried it."""

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        try:
            return str(self.message)
        except RuntimeError:  # no request (CLI, tests): the English message id
            return _untranslated(self.message)


def _untranslated(value):
    """A lazy message rendered with its English id, for use outside a request."""
    args, kwargs = getattr(value, "_args", None), getattr(value, "_kwargs", None)
    if not args:
        return str(value)
    return args[0] % {k: _untranslated(v) for k, v in kwargs.items()} if kwargs else args[0]


class QueueClosed(QueueError):
    """Outside opening hours: `next_slot` says when the point opens again (or None)."""

    def __init__(self, message, next_slot=None, closed_reason=None):
        super().__init__(message)
        self.next_slot = next_slot
        self.closed_reason = closed_reason


class TooManyTickets(QueueError):
    """A phone, browser or address took more tickets than the limits allow."""


class NobodyWaiting(QueueError):
    """A desk asked for the next ticket and nobody is waiting for it."""
