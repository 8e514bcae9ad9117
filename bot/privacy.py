"""Keep people's identities out of keys and logs: keyed hashes of phone numbers, masked numbers."""
import hashlib
import hmac
import logging
import re

import phonenumbers

_NOT_DIGIT = re.compile(r"[^\d+]")
#: Fewest digits of a person's phone number (North American numbers have 10, with +1 eleven).
PERSON_NUMBER_DIGITS = 10
#: Where a number written without its country code is read (North American numbering: +1).
DEFAULT_REGION = "CA"


def normalise_address(address: str) -> str:
    """Return a phone number in E.164 ("(587) 555-0123" and "+1 587 555 0123" are both "+15875550123"); other
    addresses (an alphanumeric sender such as "ALPHASHOP", client:, whatsapp:) unchanged but for case and spaces.

    Short codes and numbers phonenumbers can't read keep their digits, so they still have one stable form.
    """
    address = (address or "").strip()
    if address.startswith(("client:", "whatsapp:", "sip:")):
        return address
    if any(ch.isalpha() for ch in address):
        return address.upper()
    digits = _NOT_DIGIT.sub("", address)
    if len(digits.lstrip("+")) >= PERSON_NUMBER_DIGITS:
        try:
            number = phonenumbers.parse(address, DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            return digits
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return digits


def is_person_number(address: str, own_numbers=()) -> bool:
    """Tell whether an SMS sender is a person's phone we may answer: not a short code (5-6 digits), not an
    alphanumeric sender, not one of the helpline's own numbers (a loop)."""
    number = normalise_address(address)
    if not number or any(ch.isalpha() for ch in number) or len(number.lstrip("+")) < PERSON_NUMBER_DIGITS:
        return False
    return number not in {normalise_address(own) for own in own_numbers if own}


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


class NoQueryStrings(logging.Filter):
    """Cut query strings out of access-log lines ("POST /sms?From=+1587...&Body=..." keeps "/sms"): a number
    or words sent in a URL must not reach the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (_QUERY.sub(r"\1", record.args[0]), *record.args[1:])
        elif isinstance(record.msg, str):
            record.msg = _QUERY.sub(r"\1", record.msg)
        return True


_QUERY = re.compile(r"(\S)\?\S*")
