"""Who may scrape `/metrics`: loopback always, other addresses with the scrape token or from a
network named in `prometheus.allow_networks`.

The figures are the business's, so the route is closed by default to everything but the machine
itself. A request that reached a loopback address through a reverse proxy on the same machine
(it carries `Forwarded` or `X-Forwarded-For`) is not the machine itself: it needs the token or an
allowed network like any other. Refusals: 401 when a token was sent and is not the scrape token (the
caller has credentials, and they are wrong: fix the token), 403 when none was sent from an address
that needs one (fix where you scrape from, or send the token). Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Mapping

from kernel.errors import AuthenticationError, ForbiddenError
from kernel.settings import PrometheusSettings

__all__ = ("ScrapeAccess",)

_PROXIED = ("forwarded", "x-forwarded-for")
_BEARER = "bearer "


class ScrapeAccess:
    def __init__(self, settings: PrometheusSettings) -> None:
        self._token = settings.scrape_token.encode() if settings.scrape_token else None
        self._networks = tuple(ipaddress.ip_network(network) for network in settings.allow_networks)

    def check(self, client_host: str | None, headers: Mapping[str, str]) -> None:
        """Return if the scrape is allowed; else raise the refusal, saying what would allow it."""
        authorization = headers.get("authorization")
        if authorization is not None:
            self._check_token(authorization)
            return
        address = _address(client_host)
        proxied = any(name in headers for name in _PROXIED)
        if address is not None and address.is_loopback and not proxied:
            return
        if address is not None and any(address in network for network in self._networks):
            return
        where = "through a proxy" if proxied else f"from {client_host or 'an unknown address'}"
        raise ForbiddenError(
            f"scrapes {where} need `Authorization: Bearer <prometheus.scrape_token>` or an address in "
            "prometheus.allow_networks"
        )

    def _check_token(self, authorization: str) -> None:
        sent = authorization[len(_BEARER) :] if authorization.lower().startswith(_BEARER) else ""
        if self._token is None or not hmac.compare_digest(sent.strip().encode(), self._token):
            raise AuthenticationError("this is not the scrape token (prometheus.scrape_token)")


def _address(host: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address; None for a name or nothing (a test client, a Unix socket)."""
    if host is None:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1 on a dual-stack socket
    return address
