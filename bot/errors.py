"""Passerelle's exceptions.

PasserelleError
 ├── FlowError           a flow file is invalid (names the file, the node and the bad value)
 ├── ConfigError         a setting is missing or malformed
 ├── AnswerPending       a copy of a message still being answered waited too long for its answer
 └── SendError           an outbound message could not be handed to the provider
      └── OptedOutError  the number has opted out (Twilio error 21610)
"""


class PasserelleError(Exception):
    """Base of every error Passerelle raises on purpose."""


class FlowError(PasserelleError):
    """A flow definition is invalid."""

    def __init__(self, path: str, node: str | None, message: str, what: str = "node"):
        self.path, self.node, self.message = path, node, message
        where = f"{path}: {what} {node!r}" if node else path
        super().__init__(f"{where}: {message}")


class ConfigError(PasserelleError):
    """A setting is missing or malformed."""


class AnswerPending(PasserelleError):
    """A retried message id is still being answered by its first request after the wait we allow."""


class SendError(PasserelleError):
    """An outbound message could not be handed to the provider."""


class OptedOutError(SendError):
    """The recipient has opted out of messages from this number."""
