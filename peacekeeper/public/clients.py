"""Who is sending a request, as the public site's limits count them.

The address is the connection's (REMOTE_ADDR). Behind a reverse proxy, `peacekeeper serve` has uvicorn put
the browser's address there from X-Forwarded-For, and only when PEACEKEEPER_BEHIND_PROXY is set and the
request comes from one of FORWARDED_ALLOW_IPS (cli_setup.serve): otherwise a sender could name any address.
"""

import ipaddress

from django.http import HttpRequest

# One IPv6 subscriber is given a whole /64 (RFC 6177): counting its single addresses would let it send
# from as many "clients" as it likes.
IPV6_CLIENT_PREFIX = 64


def client_network(request: HttpRequest) -> str:
    """The sender's IPv4 address, or its IPv6 /64 network (an IPv4-mapped IPv6 address as IPv4)."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)
