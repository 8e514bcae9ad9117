"""Keep people's identities out of keys and logs: keyed hashes of phone numbers, masked numbers."""
import hashlib
import hmac
import re

_NOT_DIGIT = re.compile(r"[^\d+]")


def normalise_address(address: str) -> str:
    """Return a phone number in a stable form (+ and digits only); other addresses unchanged."""
    address = (address or "").strip()
    if address.startswith(("client:", "whatsapp:", "sip:")):
        return address
    return _NOT_DIGIT.sub("", address)


def contact_key(secret: str, address: str) -> str:
    """Return the keyed hash that stands for a phone number in Redis keys and the record."""
    digest = hmac.new(secret.encode(), normalise_address(address).encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def mask(address: str | None) -> str:
    """Return a phone number safe to log: everything but the last two digits hidden."""
    address = normalise_address(address or "")
    if len(address) <= 4:
        return "***"
    return address[:2] + "*" * (len(address) - 4) + address[-2:]
