"""Who may scrape `/metrics`: loopback (unless `prometheus.trust_loopback` is off), other addresses
with the scrape token or from a network named in `prometheus.allow_networks`.

The figures are the business's, so the route is closed by default to everything but the machine
itself. A request that reached a loopback address through a reverse proxy on the same machine is
not the machine itself: any header a proxy adds (`_PROXIED`: Forwarded, X-Forwarded-*, X-Real-IP,
Via, True-Client-IP, CF-Connecting-IP) marks it, and it needs the token or an allowed network like
any other. A proxy that adds none of them cannot be told apart: its operator turns
`trust_loopback` off. Refusals: 401 when a token was sent and is not the scrape token (the
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

_PROXIED = (
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-real-ip",
    "via",
    "true-client-ip",
    "cf-connecting-ip",
)
_BEARER = "bearer "


class ScrapeAccess:
    def __init__(self, settings: PrometheusSettings) -> None:
        self._token = settings.scrape_token.encode() if settings.scrape_token else None
        self._networks = tuple(ipaddress.ip_network(network) for network in settings.allow_networks)
        self._trust_loopback = settings.trust_loopback

    def check(self, client_host: str | None, headers: Mapping[str, str]) -> None:
        """Return if the scrape is allowed; else raise the refusal, saying what would allow it."""
        authorization = headers.get("authorization")
        if authorization is not None:
            self._check_token(authorization)
            return
        address = _address(client_host)
        proxied = any(name in headers for name in _PROXIED)
        loopback = address is not None and address.is_loopback
        if loopback and self._trust_loopback and not proxied:
            return
        if address is not None and any(address in network for network in self._networks):
            return
        where = "through a proxy" if proxied else f"from {client_host or 'an unknown address'}"
        if loopback and not proxied:  # only trust_loopback: false refuses a bare loopback request
            where = "from loopback (prometheus.trust_loopback is false)"
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
