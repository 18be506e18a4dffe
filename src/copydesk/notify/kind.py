"""What one kind of channel is: its options and their validation, its description, its
channel.

Each kind is one module of :mod:`copydesk.notify.kinds` holding one :class:`Kind`
object (``KIND``), and :mod:`copydesk.notify.registry` lists them; adding a kind is
adding a module and its line there.  A kind declares its :class:`Option` s;
``copydesk channel add`` makes a flag of each (``api_url`` is ``--api-url``) and
:meth:`Kind.config` validates what was given into the config stored with the channel
(secrets included: :meth:`Kind.describe` says where a channel sends without them).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from copydesk import net
from copydesk.notify.channel import Channel, Runtime

#: Validates one option's value (with whether private targets are allowed) and returns
#: what is stored; raises :class:`ChannelError`.
Check = Callable[[str, bool], str]


class ChannelError(ValueError):
    """A channel's options are missing or invalid."""


@dataclass(frozen=True)
class Option:
    """One option of a kind: a key of its config and a ``channel add`` flag."""

    name: str
    help: str
    required: bool = False
    switch: bool = False  # a flag without a value (stored as a bool)
    check: Check | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


class Kind(ABC):
    """One kind of channel (subclass it once, in its module)."""

    name: ClassVar[str]
    summary: ClassVar[str]  # one line, for ``copydesk channel kinds``
    options: ClassVar[tuple[Option, ...]] = ()

    def config(self, values: Mapping[str, object], allow_private: bool) -> dict[str, Any]:
        """The stored config of a new channel, from its options' values."""
        config: dict[str, Any] = {}
        for option in self.options:
            value = values.get(option.name)
            if option.switch:
                config[option.name] = bool(value)
            elif value:
                text = str(value)
                config[option.name] = option.check(text, allow_private) if option.check else text
            elif option.required:
                raise ChannelError(f"{self.name} channels need {option.flag}")
        return config

    def shown_once(self, config: Mapping[str, Any]) -> list[str]:
        """Lines ``channel add`` prints once and never again (a generated secret)."""
        return []

    def digest(self, config: Mapping[str, Any]) -> bool:
        """Whether the channel gets the daily digest."""
        return False

    @abstractmethod
    def describe(self, config: Mapping[str, Any]) -> str:
        """Where the channel sends, with tokens, secrets and URL paths masked."""

    @abstractmethod
    def channel(self, config: Mapping[str, Any], runtime: Runtime) -> Channel:
        """The channel that delivers one event."""


def check_url(url: str, allow_private: bool) -> str:
    """A target URL, refused unless it is on the public internet (:mod:`copydesk.net`)."""
    try:
        net.check_url(url, allow_private)
    except net.TargetRefused as exc:
        raise ChannelError(f"refused URL: {exc}") from None
    return url


#: The endpoint URL of webhook-like kinds (webhook, Slack, Discord).
URL = Option("url", "the endpoint URL.", required=True, check=check_url)


def host(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: where it goes, without path or token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}{':' + str(parts.port) if parts.port else ''}"


def describe_url(config: Mapping[str, Any]) -> str:
    return f"{host(str(config.get('url', '')))}/**** (secret ****)"
