"""Messages the thread workers post; handlers on the UI thread own every state change."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from saraban.errors import SarabanError

_OPTION_NOTE = re.compile(r"\s*\((?:[^()]*\s)?--[a-z][a-z-]*[^()]*\)")


def for_the_screen(text: str) -> str:
    """A service's message as the app shows it: without the command line's options in
    brackets ("(--again)", "(--same-as 3/2569)"), which nobody at the screen can type."""
    return _OPTION_NOTE.sub("", text)


class WorkDone(Message):
    """A service call finished; ``tag`` says which."""

    def __init__(self, tag: str, result: Any) -> None:
        super().__init__()
        self.tag = tag
        self.result = result


class WorkFailed(Message):
    """A service call failed with a message for the clerk."""

    def __init__(self, tag: str, error: SarabanError) -> None:
        super().__init__()
        self.tag = tag
        self.error = error


def run_service(node: DOMNode, tag: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Worker[None]:
    """Run a service call in a thread worker and post its outcome to ``node``.

    The database and document work never runs on the UI thread, so the screen never freezes.
    """

    def job() -> None:
        try:
            result = call(*args, **kwargs)
        except SarabanError as exc:
            node.post_message(WorkFailed(tag, exc))
            return
        node.post_message(WorkDone(tag, result))

    return node.run_worker(job, thread=True, group=tag, exclusive=True, name=tag, exit_on_error=True)
