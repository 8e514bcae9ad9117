"""Render outbound SMS text for basic phones and normalise inbound SMS bodies.

Basic phones and the SMS network use GSM-7 (3GPP TS 23.038, "GSM 03.38"): 160 characters in one
segment. A single character outside it (â, ô, ’, « or an emoji) switches the whole message to UCS-2,
which holds only 70 per segment, so a French reply can cost two to three times an English one.
This module counts segments the way Twilio does, swaps look-alikes so French fits GSM-7, and trims
text that would still run past a budget. Pure standard library: it is used by web and worker code.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "GSM7_BASIC",
    "GSM7_EXTENSION",
    "GSM7_SEPTETS",
    "MAX_BODY_CHARS",
    "SegmentInfo",
    "clean_inbound",
    "fit",
    "is_gsm7",
    "segments",
    "to_gsm",
]

#: The escape septet: in the basic table it announces a character of the extension table.
_ESC = "\x1b"

#: GSM 03.38 basic table, indexed by septet value, from Unicode's GSM0338.TXT (table version 2.0).
#: 0x09 is lower-case ç as in v2.0; v1.1 and some handsets read it as capital Ç (see `to_gsm`).
#: 0x1B is the escape to the extension table, not a character: it is left out of GSM7_SEPTETS.
GSM7_BASIC = (
    "@£$¥èéùìòç\nØø\rÅå"  # 0x00-0x0F
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"  # 0x10-0x1F
    " !\"#¤%&'()*+,-./"  # 0x20-0x2F
    "0123456789:;<=>?"  # 0x30-0x3F
    "¡ABCDEFGHIJKLMNO"  # 0x40-0x4F
    "PQRSTUVWXYZÄÖÑÜ§"  # 0x50-0x5F
    "¿abcdefghijklmno"  # 0x60-0x6F
    "pqrstuvwxyzäöñüà"  # 0x70-0x7F
)

#: GSM 03.38 extension table: character -> septet sent after the escape (so each costs 2 septets).
GSM7_EXTENSION = {
    "\f": 0x0A,
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}

#: Cost in septets of every character GSM-7 can carry: 1 for the basic table, 2 for the extension.
GSM7_SEPTETS: dict[str, int] = {ch: 1 for ch in GSM7_BASIC if ch != _ESC} | dict.fromkeys(GSM7_EXTENSION, 2)

#: Twilio refuses bodies longer than this many characters.
MAX_BODY_CHARS = 1600

# Segment capacities. Concatenated messages lose room to the 6-octet user data header (UDH):
# 48 bits = 7 septets in GSM-7 (160 -> 153) and 3 UTF-16 units in UCS-2 (70 -> 67).
_GSM_SINGLE, _GSM_MULTI = 160, 153
_UCS_SINGLE, _UCS_MULTI = 70, 67


@dataclass(frozen=True)
class SegmentInfo:
    """How a body will travel: its encoding, its size in units, and the segments it takes."""

    #: "GSM-7" or "UCS-2".
    encoding: str
    #: Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    units: int
    #: Number of SMS segments (each billed separately).
    count: int
    #: Capacity of each segment in units: 160/70 for a single segment, 153/67 when concatenated.
    per_segment: int


def is_gsm7(text: str) -> bool:
    """Return whether every character of `text` can be sent in GSM-7."""
    return all(ch in GSM7_SEPTETS for ch in text)


def _pack(costs: list[int], single: int, multi: int) -> tuple[int, int]:
    """Return (segment count, per-segment capacity) when packing indivisible costs in order."""
    if sum(costs) <= single:
        return 1, single
    # Fill greedily, never splitting one cost: a GSM-7 escape pair or a UTF-16 surrogate pair cut
    # in two would show as garbage on the handset, so it moves whole to the next segment, which
    # can take one segment more than dividing the units by the capacity would say.
    count, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            count, used = count + 1, 0
        used += cost
    return count, multi


def _extends_cluster(cp: int) -> bool:
    """Return whether code point `cp` belongs to the character before it on screen."""
    return (
        unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")
        or cp in (0x200C, 0x200D)  # zero-width non-joiner and joiner
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors (emoji or text style)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # tags (subdivision flags)
    )


def _ucs2_cluster_costs(text: str) -> list[int]:
    """Return the UTF-16 size of each group of characters that must share a segment."""
    # Twilio's calculator moves a whole grapheme cluster to the next segment rather than split a
    # letter from its accent or an emoji sequence (👍🏽, 🏳️‍🌈, 🇮🇹) between two SMS. This is a close
    # approximation of Unicode's clusters (UAX #29) for those cases. Outside the BMP a character
    # is a surrogate pair, 2 units, which must never be split either.
    costs: list[int] = []
    after_joiner = False
    # True while the last group is a single regional indicator: a flag is a pair of them.
    lone_indicator = False
    for ch in text:
        cp = ord(ch)
        size = 2 if cp > 0xFFFF else 1
        indicator = 0x1F1E6 <= cp <= 0x1F1FF
        joins = after_joiner or _extends_cluster(cp) or (indicator and lone_indicator)
        # A group longer than a segment (stacked accents) has to be split anyway.
        if costs and joins and costs[-1] + size <= _UCS_MULTI:
            costs[-1] += size
            lone_indicator = False
        else:
            costs.append(size)
            lone_indicator = indicator
        after_joiner = cp == 0x200D
    return costs


def segments(text: str) -> SegmentInfo:
    """Count the encoding, units and segments `text` takes as one SMS body."""
    if is_gsm7(text):
        costs = [GSM7_SEPTETS[ch] for ch in text]
        count, per = _pack(costs, _GSM_SINGLE, _GSM_MULTI)
        return SegmentInfo("GSM-7", sum(costs), count, per)
    costs = _ucs2_cluster_costs(text)
    count, per = _pack(costs, _UCS_SINGLE, _UCS_MULTI)
    return SegmentInfo("UCS-2", sum(costs), count, per)


# Look-alikes that take precedence over everything below, for French replies first.
_LOOKALIKES = {
    # GSM 0x09 is lower-case ç in table v2.0 but capital Ç in v1.1, and handsets still disagree,
    # so a ç may arrive as Ç. A plain c is always read right, so neither form is sent.
    "ç": "c",
    "Ç": "C",
    # Ligatures have no decomposition to strip, so they are spelled out.
    "œ": "oe",
    "Œ": "OE",
    # Twilio's map turns ‹ into > and › into <, the wrong way round; single guillemets become '
    # as double ones become ".
    "\u2039": "'",
    "\u203a": "'",
    # Twilio's map sends a tab as 7 spaces: septets wasted on a small screen.
    "\t": " ",
}

# « » become a plain double quote, not << >>: " costs 1 septet where << costs 2, reads as a quote
# to French and English readers alike, and is what Twilio Smart Encoding sends, so a message looks
# the same whether or not the Messaging Service has Smart Encoding on. The French spacing inside
# guillemets (often a no-break space) goes too: with straight quotes it would look like stray
# blanks around the words.
_OPEN_GUILLEMET = re.compile("\u00ab[ \u00a0\u2009\u202f]*")
_CLOSE_GUILLEMET = re.compile("[ \u00a0\u2009\u202f]*\u00bb")

# Twilio Smart Encoding look-alikes, from github.com/TwilioDevEd/message-segment-calculator
# src/libs/SmartEncodingMap.ts (commit a50230fddb2b4af8fd8e0a9497553883dfe5374e),
# Copyright (c) 2021 Twilio Inc, MIT licence: see tests/data/sms-gsm/LICENSE.message-segment-calculator.
# Kept verbatim so it can be checked against the source; `_LOOKALIKES` and the whitespace and
# control rules in `_to_gsm_once` override the few entries that waste septets.
_TWILIO_SMART_ENCODING = {
    "\u00ab": "\"",  # « LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    "\u00bb": "\"",  # » RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    "\u201c": "\"",  # “ LEFT DOUBLE QUOTATION MARK
    "\u201d": "\"",  # ” RIGHT DOUBLE QUOTATION MARK
    "\u02ba": "\"",  # ʺ MODIFIER LETTER DOUBLE PRIME
    "\u02ee": "\"",  # ˮ MODIFIER LETTER DOUBLE APOSTROPHE
    "\u201f": "\"",  # ‟ DOUBLE HIGH-REVERSED-9 QUOTATION MARK
    "\u201e": "\"",  # „ DOUBLE LOW-9 QUOTATION MARK
    "\u275d": "\"",  # ❝ HEAVY DOUBLE TURNED COMMA QUOTATION MARK ORNAMENT
    "\u275e": "\"",  # ❞ HEAVY DOUBLE COMMA QUOTATION MARK ORNAMENT
    "\u301d": "\"",  # 〝 REVERSED DOUBLE PRIME QUOTATION MARK
    "\u301e": "\"",  # 〞 DOUBLE PRIME QUOTATION MARK
    "\uff02": "\"",  # ＂ FULLWIDTH QUOTATION MARK
    "\u2018": "'",  # ‘ LEFT SINGLE QUOTATION MARK
    "\u2019": "'",  # ’ RIGHT SINGLE QUOTATION MARK
    "\u02bb": "'",  # ʻ MODIFIER LETTER TURNED COMMA
    "\u02c8": "'",  # ˈ MODIFIER LETTER VERTICAL LINE
    "\u02bc": "'",  # ʼ MODIFIER LETTER APOSTROPHE
    "\u02bd": "'",  # ʽ MODIFIER LETTER REVERSED COMMA
    "\u02b9": "'",  # ʹ MODIFIER LETTER PRIME
    "\u201b": "'",  # ‛ SINGLE HIGH-REVERSED-9 QUOTATION MARK
    "\uff07": "'",  # ＇ FULLWIDTH APOSTROPHE
    "\u00b4": "'",  # ´ ACUTE ACCENT
    "\u02ca": "'",  # ˊ MODIFIER LETTER ACUTE ACCENT
    "\u0060": "'",  # ` GRAVE ACCENT
    "\u02cb": "'",  # ˋ MODIFIER LETTER GRAVE ACCENT
    "\u275b": "'",  # ❛ HEAVY SINGLE TURNED COMMA QUOTATION MARK ORNAMENT
    "\u275c": "'",  # ❜ HEAVY SINGLE COMMA QUOTATION MARK ORNAMENT
    "\u0313": "'",  # COMBINING COMMA ABOVE
    "\u0314": "'",  # COMBINING REVERSED COMMA ABOVE
    "\ufe10": "'",  # ︐ PRESENTATION FORM FOR VERTICAL COMMA
    "\ufe11": "'",  # ︑ PRESENTATION FORM FOR VERTICAL IDEOGRAPHIC COMMA
    "\u00f7": "/",  # ÷ DIVISION SIGN
    "\u00bc": "1/4",  # ¼ VULGAR FRACTION ONE QUARTER
    "\u00bd": "1/2",  # ½ VULGAR FRACTION ONE HALF
    "\u00be": "3/4",  # ¾ VULGAR FRACTION THREE QUARTERS
    "\u29f8": "/",  # ⧸ BIG SOLIDUS
    "\u0337": "/",  # COMBINING SHORT SOLIDUS OVERLAY
    "\u0338": "/",  # COMBINING LONG SOLIDUS OVERLAY
    "\u2044": "/",  # ⁄ FRACTION SLASH
    "\u2215": "/",  # ∕ DIVISION SLASH
    "\uff0f": "/",  # ／ FULLWIDTH SOLIDUS
    "\u29f9": "\\",  # ⧹ BIG REVERSE SOLIDUS
    "\u29f5": "\\",  # ⧵ REVERSE SOLIDUS OPERATOR
    "\u20e5": "\\",  # COMBINING REVERSE SOLIDUS OVERLAY
    "\ufe68": "\\",  # ﹨ SMALL REVERSE SOLIDUS
    "\uff3c": "\\",  # ＼ FULLWIDTH REVERSE SOLIDUS
    "\u0332": "_",  # COMBINING LOW LINE
    "\uff3f": "_",  # ＿ FULLWIDTH LOW LINE
    "\u20d2": "|",  # COMBINING LONG VERTICAL LINE OVERLAY
    "\u20d3": "|",  # COMBINING SHORT VERTICAL LINE OVERLAY
    "\u2223": "|",  # ∣ DIVIDES
    "\uff5c": "|",  # ｜ FULLWIDTH VERTICAL LINE
    "\u23b8": "|",  # ⎸ LEFT VERTICAL BOX LINE
    "\u23b9": "|",  # ⎹ RIGHT VERTICAL BOX LINE
    "\u23d0": "|",  # ⏐ VERTICAL LINE EXTENSION
    "\u239c": "|",  # ⎜ LEFT PARENTHESIS EXTENSION
    "\u239f": "|",  # ⎟ RIGHT PARENTHESIS EXTENSION
    "\u23bc": "-",  # ⎼ HORIZONTAL SCAN LINE-7
    "\u23bd": "-",  # ⎽ HORIZONTAL SCAN LINE-9
    "\u2015": "-",  # ― HORIZONTAL BAR
    "\ufe63": "-",  # ﹣ SMALL HYPHEN-MINUS
    "\uff0d": "-",  # － FULLWIDTH HYPHEN-MINUS
    "\u2010": "-",  # ‐ HYPHEN
    "\u2043": "-",  # ⁃ HYPHEN BULLET
    "\ufe6b": "@",  # ﹫ SMALL COMMERCIAL AT
    "\uff20": "@",  # ＠ FULLWIDTH COMMERCIAL AT
    "\ufe69": "$",  # ﹩ SMALL DOLLAR SIGN
    "\uff04": "$",  # ＄ FULLWIDTH DOLLAR SIGN
    "\u01c3": "!",  # ǃ LATIN LETTER RETROFLEX CLICK
    "\ufe15": "!",  # ︕ PRESENTATION FORM FOR VERTICAL EXCLAMATION MARK
    "\ufe57": "!",  # ﹗ SMALL EXCLAMATION MARK
    "\uff01": "!",  # ！ FULLWIDTH EXCLAMATION MARK
    "\ufe5f": "#",  # ﹟ SMALL NUMBER SIGN
    "\uff03": "#",  # ＃ FULLWIDTH NUMBER SIGN
    "\ufe6a": "%",  # ﹪ SMALL PERCENT SIGN
    "\uff05": "%",  # ％ FULLWIDTH PERCENT SIGN
    "\ufe60": "&",  # ﹠ SMALL AMPERSAND
    "\uff06": "&",  # ＆ FULLWIDTH AMPERSAND
    "\u201a": ",",  # ‚ SINGLE LOW-9 QUOTATION MARK
    "\u0326": ",",  # COMBINING COMMA BELOW
    "\ufe50": ",",  # ﹐ SMALL COMMA
    "\ufe51": ",",  # ﹑ SMALL IDEOGRAPHIC COMMA
    "\uff0c": ",",  # ， FULLWIDTH COMMA
    "\uff64": ",",  # ､ HALFWIDTH IDEOGRAPHIC COMMA
    "\u2768": "(",  # ❨ MEDIUM LEFT PARENTHESIS ORNAMENT
    "\u276a": "(",  # ❪ MEDIUM FLATTENED LEFT PARENTHESIS ORNAMENT
    "\ufe59": "(",  # ﹙ SMALL LEFT PARENTHESIS
    "\uff08": "(",  # （ FULLWIDTH LEFT PARENTHESIS
    "\u27ee": "(",  # ⟮ MATHEMATICAL LEFT FLATTENED PARENTHESIS
    "\u2985": "(",  # ⦅ LEFT WHITE PARENTHESIS
    "\u2769": ")",  # ❩ MEDIUM RIGHT PARENTHESIS ORNAMENT
    "\u276b": ")",  # ❫ MEDIUM FLATTENED RIGHT PARENTHESIS ORNAMENT
    "\ufe5a": ")",  # ﹚ SMALL RIGHT PARENTHESIS
    "\uff09": ")",  # ） FULLWIDTH RIGHT PARENTHESIS
    "\u27ef": ")",  # ⟯ MATHEMATICAL RIGHT FLATTENED PARENTHESIS
    "\u2986": ")",  # ⦆ RIGHT WHITE PARENTHESIS
    "\u204e": "*",  # ⁎ LOW ASTERISK
    "\u2217": "*",  # ∗ ASTERISK OPERATOR
    "\u229b": "*",  # ⊛ CIRCLED ASTERISK OPERATOR
    "\u2722": "*",  # ✢ FOUR TEARDROP-SPOKED ASTERISK
    "\u2723": "*",  # ✣ FOUR BALLOON-SPOKED ASTERISK
    "\u2724": "*",  # ✤ HEAVY FOUR BALLOON-SPOKED ASTERISK
    "\u2725": "*",  # ✥ FOUR CLUB-SPOKED ASTERISK
    "\u2731": "*",  # ✱ HEAVY ASTERISK
    "\u2732": "*",  # ✲ OPEN CENTRE ASTERISK
    "\u2733": "*",  # ✳ EIGHT SPOKED ASTERISK
    "\u273a": "*",  # ✺ SIXTEEN POINTED ASTERISK
    "\u273b": "*",  # ✻ TEARDROP-SPOKED ASTERISK
    "\u273c": "*",  # ✼ OPEN CENTRE TEARDROP-SPOKED ASTERISK
    "\u273d": "*",  # ✽ HEAVY TEARDROP-SPOKED ASTERISK
    "\u2743": "*",  # ❃ HEAVY TEARDROP-SPOKED PINWHEEL ASTERISK
    "\u2749": "*",  # ❉ BALLOON-SPOKED ASTERISK
    "\u274a": "*",  # ❊ EIGHT TEARDROP-SPOKED PROPELLER ASTERISK
    "\u274b": "*",  # ❋ HEAVY EIGHT TEARDROP-SPOKED PROPELLER ASTERISK
    "\u29c6": "*",  # ⧆ SQUARED ASTERISK
    "\ufe61": "*",  # ﹡ SMALL ASTERISK
    "\uff0a": "*",  # ＊ FULLWIDTH ASTERISK
    "\u02d6": "+",  # ˖ MODIFIER LETTER PLUS SIGN
    "\ufe62": "+",  # ﹢ SMALL PLUS SIGN
    "\uff0b": "+",  # ＋ FULLWIDTH PLUS SIGN
    "\u3002": ".",  # 。 IDEOGRAPHIC FULL STOP
    "\ufe52": ".",  # ﹒ SMALL FULL STOP
    "\uff0e": ".",  # ． FULLWIDTH FULL STOP
    "\uff61": ".",  # ｡ HALFWIDTH IDEOGRAPHIC FULL STOP
    "\uff10": "0",  # ０ FULLWIDTH DIGIT ZERO
    "\uff11": "1",  # １ FULLWIDTH DIGIT ONE
    "\uff12": "2",  # ２ FULLWIDTH DIGIT TWO
    "\uff13": "3",  # ３ FULLWIDTH DIGIT THREE
    "\uff14": "4",  # ４ FULLWIDTH DIGIT FOUR
    "\uff15": "5",  # ５ FULLWIDTH DIGIT FIVE
    "\uff16": "6",  # ６ FULLWIDTH DIGIT SIX
    "\uff17": "7",  # ７ FULLWIDTH DIGIT SEVEN
    "\uff18": "8",  # ８ FULLWIDTH DIGIT EIGHT
    "\uff19": "9",  # ９ FULLWIDTH DIGIT NINE
    "\u02d0": ":",  # ː MODIFIER LETTER TRIANGULAR COLON
    "\u02f8": ":",  # ˸ MODIFIER LETTER RAISED COLON
    "\u2982": ":",  # ⦂ Z NOTATION TYPE COLON
    "\ua789": ":",  # ꞉ MODIFIER LETTER COLON
    "\ufe13": ":",  # ︓ PRESENTATION FORM FOR VERTICAL COLON
    "\uff1a": ":",  # ： FULLWIDTH COLON
    "\u204f": ";",  # ⁏ REVERSED SEMICOLON
    "\ufe14": ";",  # ︔ PRESENTATION FORM FOR VERTICAL SEMICOLON
    "\ufe54": ";",  # ﹔ SMALL SEMICOLON
    "\uff1b": ";",  # ； FULLWIDTH SEMICOLON
    "\ufe64": "<",  # ﹤ SMALL LESS-THAN SIGN
    "\uff1c": "<",  # ＜ FULLWIDTH LESS-THAN SIGN
    "\u0347": "=",  # COMBINING EQUALS SIGN BELOW
    "\ua78a": "=",  # ꞊ MODIFIER LETTER SHORT EQUALS SIGN
    "\ufe66": "=",  # ﹦ SMALL EQUALS SIGN
    "\uff1d": "=",  # ＝ FULLWIDTH EQUALS SIGN
    "\ufe65": ">",  # ﹥ SMALL GREATER-THAN SIGN
    "\uff1e": ">",  # ＞ FULLWIDTH GREATER-THAN SIGN
    "\ufe16": "?",  # ︖ PRESENTATION FORM FOR VERTICAL QUESTION MARK
    "\ufe56": "?",  # ﹖ SMALL QUESTION MARK
    "\uff1f": "?",  # ？ FULLWIDTH QUESTION MARK
    "\uff21": "A",  # Ａ FULLWIDTH LATIN CAPITAL LETTER A
    "\u1d00": "A",  # ᴀ LATIN LETTER SMALL CAPITAL A
    "\uff22": "B",  # Ｂ FULLWIDTH LATIN CAPITAL LETTER B
    "\u0299": "B",  # ʙ LATIN LETTER SMALL CAPITAL B
    "\uff23": "C",  # Ｃ FULLWIDTH LATIN CAPITAL LETTER C
    "\u1d04": "C",  # ᴄ LATIN LETTER SMALL CAPITAL C
    "\uff24": "D",  # Ｄ FULLWIDTH LATIN CAPITAL LETTER D
    "\u1d05": "D",  # ᴅ LATIN LETTER SMALL CAPITAL D
    "\uff25": "E",  # Ｅ FULLWIDTH LATIN CAPITAL LETTER E
    "\u1d07": "E",  # ᴇ LATIN LETTER SMALL CAPITAL E
    "\uff26": "F",  # Ｆ FULLWIDTH LATIN CAPITAL LETTER F
    "\ua730": "F",  # ꜰ LATIN LETTER SMALL CAPITAL F
    "\uff27": "G",  # Ｇ FULLWIDTH LATIN CAPITAL LETTER G
    "\u0262": "G",  # ɢ LATIN LETTER SMALL CAPITAL G
    "\uff28": "H",  # Ｈ FULLWIDTH LATIN CAPITAL LETTER H
    "\u029c": "H",  # ʜ LATIN LETTER SMALL CAPITAL H
    "\uff29": "I",  # Ｉ FULLWIDTH LATIN CAPITAL LETTER I
    "\u026a": "I",  # ɪ LATIN LETTER SMALL CAPITAL I
    "\uff2a": "J",  # Ｊ FULLWIDTH LATIN CAPITAL LETTER J
    "\u1d0a": "J",  # ᴊ LATIN LETTER SMALL CAPITAL J
    "\uff2b": "K",  # Ｋ FULLWIDTH LATIN CAPITAL LETTER K
    "\u1d0b": "K",  # ᴋ LATIN LETTER SMALL CAPITAL K
    "\uff2c": "L",  # Ｌ FULLWIDTH LATIN CAPITAL LETTER L
    "\u029f": "L",  # ʟ LATIN LETTER SMALL CAPITAL L
    "\uff2d": "M",  # Ｍ FULLWIDTH LATIN CAPITAL LETTER M
    "\u1d0d": "M",  # ᴍ LATIN LETTER SMALL CAPITAL M
    "\uff2e": "N",  # Ｎ FULLWIDTH LATIN CAPITAL LETTER N
    "\u0274": "N",  # ɴ LATIN LETTER SMALL CAPITAL N
    "\uff2f": "O",  # Ｏ FULLWIDTH LATIN CAPITAL LETTER O
    "\u1d0f": "O",  # ᴏ LATIN LETTER SMALL CAPITAL O
    "\uff30": "P",  # Ｐ FULLWIDTH LATIN CAPITAL LETTER P
    "\u1d18": "P",  # ᴘ LATIN LETTER SMALL CAPITAL P
    "\uff31": "Q",  # Ｑ FULLWIDTH LATIN CAPITAL LETTER Q
    "\uff32": "R",  # Ｒ FULLWIDTH LATIN CAPITAL LETTER R
    "\u0280": "R",  # ʀ LATIN LETTER SMALL CAPITAL R
    "\uff33": "S",  # Ｓ FULLWIDTH LATIN CAPITAL LETTER S
    "\ua731": "S",  # ꜱ LATIN LETTER SMALL CAPITAL S
    "\uff34": "T",  # Ｔ FULLWIDTH LATIN CAPITAL LETTER T
    "\u1d1b": "T",  # ᴛ LATIN LETTER SMALL CAPITAL T
    "\uff35": "U",  # Ｕ FULLWIDTH LATIN CAPITAL LETTER U
    "\u1d1c": "U",  # ᴜ LATIN LETTER SMALL CAPITAL U
    "\uff36": "V",  # Ｖ FULLWIDTH LATIN CAPITAL LETTER V
    "\u1d20": "V",  # ᴠ LATIN LETTER SMALL CAPITAL V
    "\uff37": "W",  # Ｗ FULLWIDTH LATIN CAPITAL LETTER W
    "\u1d21": "W",  # ᴡ LATIN LETTER SMALL CAPITAL W
    "\uff38": "X",  # Ｘ FULLWIDTH LATIN CAPITAL LETTER X
    "\uff39": "Y",  # Ｙ FULLWIDTH LATIN CAPITAL LETTER Y
    "\u028f": "Y",  # ʏ LATIN LETTER SMALL CAPITAL Y
    "\uff3a": "Z",  # Ｚ FULLWIDTH LATIN CAPITAL LETTER Z
    "\u1d22": "Z",  # ᴢ LATIN LETTER SMALL CAPITAL Z
    "\u02c6": "^",  # ˆ MODIFIER LETTER CIRCUMFLEX ACCENT
    "\u0302": "^",  # COMBINING CIRCUMFLEX ACCENT
    "\uff3e": "^",  # ＾ FULLWIDTH CIRCUMFLEX ACCENT
    "\u1dcd": "^",  # COMBINING DOUBLE CIRCUMFLEX ABOVE
    "\u2774": "{",  # ❴ MEDIUM LEFT CURLY BRACKET ORNAMENT
    "\ufe5b": "{",  # ﹛ SMALL LEFT CURLY BRACKET
    "\uff5b": "{",  # ｛ FULLWIDTH LEFT CURLY BRACKET
    "\u2775": "}",  # ❵ MEDIUM RIGHT CURLY BRACKET ORNAMENT
    "\ufe5c": "}",  # ﹜ SMALL RIGHT CURLY BRACKET
    "\uff5d": "}",  # ｝ FULLWIDTH RIGHT CURLY BRACKET
    "\uff3b": "[",  # ［ FULLWIDTH LEFT SQUARE BRACKET
    "\uff3d": "]",  # ］ FULLWIDTH RIGHT SQUARE BRACKET
    "\u02dc": "~",  # ˜ SMALL TILDE
    "\u02f7": "~",  # ˷ MODIFIER LETTER LOW TILDE
    "\u0303": "~",  # COMBINING TILDE
    "\u0330": "~",  # COMBINING TILDE BELOW
    "\u0334": "~",  # COMBINING TILDE OVERLAY
    "\u223c": "~",  # ∼ TILDE OPERATOR
    "\uff5e": "~",  # ～ FULLWIDTH TILDE
    "\u00a0": "  ",  # NO-BREAK SPACE
    "\u2000": "  ",  # EN QUAD
    "\u2002": "  ",  # EN SPACE
    "\u2003": "  ",  # EM SPACE
    "\u2004": "  ",  # THREE-PER-EM SPACE
    "\u2005": "  ",  # FOUR-PER-EM SPACE
    "\u2006": "  ",  # SIX-PER-EM SPACE
    "\u2007": "  ",  # FIGURE SPACE
    "\u2008": "  ",  # PUNCTUATION SPACE
    "\u2009": "  ",  # THIN SPACE
    "\u200a": "  ",  # HAIR SPACE
    "\u202f": "  ",  # NARROW NO-BREAK SPACE
    "\u205f": "  ",  # MEDIUM MATHEMATICAL SPACE
    "\u3000": "  ",  # IDEOGRAPHIC SPACE
    "\u008d": "  ",  # REVERSE LINE FEED (standard LF looks like \n, this looks like a space)
    "\u009f": "  ",  # <control>
    "\u0080": "  ",  # C1 CONTROL CODES
    "\u0090": "  ",  # DEVICE CONTROL STRING
    "\u009b": "  ",  # CONTROL SEQUENCE INTRODUCER
    "\u0010": "",  # ESCAPE, DATA LINK (not visible)
    "\u0009": "       ",  # TAB (7 spaces based on print statement in Python interpreter)
    "\u0000": "",  # NULL
    "\u0003": "",  # END OF TEXT
    "\u0004": "",  # END OF TRANSMISSION
    "\u0017": "",  # END OF TRANSMISSION BLOCK
    "\u0019": "",  # END OF MEDIUM
    "\u0011": "",  # DEVICE CONTROL ONE
    "\u0012": "",  # DEVICE CONTROL TWO
    "\u0013": "",  # DEVICE CONTROL THREE
    "\u0014": "",  # DEVICE CONTROL FOUR
    "\u2060": "",  # WORD JOINER
    "\u2017": "_",  # ‗ DOUBLE LOW LINE
    "\u2014": "-",  # — EM DASH
    "\u2013": "-",  # – EN DASH
    "\u2039": ">",  # ‹ SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    "\u203a": "<",  # › SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    "\u203c": "!!",  # ‼ DOUBLE EXCLAMATION MARK
    "\u2028": " ",  # LINE SEPARATOR
    "\u2029": " ",  # PARAGRAPH SEPARATOR
    "\u2026": "...",  # … HORIZONTAL ELLIPSIS
    "\u2001": " ",  # EM QUAD
    "\u200b": "",  # ZERO WIDTH SPACE
    "\u3001": ",",  # 、 IDEOGRAPHIC COMMA
    "\ufeff": "",  # ZERO WIDTH NO-BREAK SPACE
    "\u2022": "-",  # • BULLET
}


def _strip_accents(ch: str) -> str | None:
    """Return `ch` without its combining marks if what remains is GSM-7, else None."""
    # Covers â ê î ô û ë ï ÿ À Â È Ê Ë Î Ï Ô Û Ù and every other accented Latin letter. A base
    # letter outside GSM-7 (Arabic alef with hamza, Cyrillic й) keeps its marks: stripping them
    # would change the word and still not avoid UCS-2.
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if base and is_gsm7(base) else None


# French words whose meaning flips without their accent ("Refuge sûr" is a safe shelter, "Refuge sur"
# is nonsense; "dû" is owed, "du" is "of the"): they keep it, even if the message then costs UCS-2.
_ACCENT_MATTERS = re.compile(r"\b(?:s[ûÛ]re?s?|d[ûÛ]|m[ûÛ]re?s?|je[ûÛ]nes?|t[âÂ]ches?)\b", re.IGNORECASE)


def _to_gsm_once(text: str) -> str:
    """Return one pass of look-alike replacement over `text`."""
    # NFC first: "e" + combining acute (as some keyboards send it) is then é, which is GSM-7.
    text = unicodedata.normalize("NFC", text)
    text = _CLOSE_GUILLEMET.sub('"', _OPEN_GUILLEMET.sub('"', text))
    kept = {at for match in _ACCENT_MATTERS.finditer(text) for at in range(match.start(), match.end())}
    out = []
    for at, ch in enumerate(text):
        if at in kept:
            out.append(ch)
        elif ch in _LOOKALIKES:
            out.append(_LOOKALIKES[ch])
        elif ch in GSM7_SEPTETS:
            out.append(ch)
        elif unicodedata.category(ch) in ("Zs", "Zl", "Zp"):
            # No-break, narrow no-break (French before ; : ! ?), thin spaces...: one plain space,
            # where Twilio's map spends two.
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            # Invisible on a handset, yet any of them would force UCS-2.
            continue
        elif ch in _TWILIO_SMART_ENCODING:
            out.append(_TWILIO_SMART_ENCODING[ch])
        else:
            # Anything with no look-alike (Arabic, emoji) stays: the message then goes as UCS-2,
            # which is right, since dropping it would change what the person reads.
            out.append(_strip_accents(ch) or ch)
    return "".join(out)


def to_gsm(text: str) -> str:
    """Replace characters that would force UCS-2 by GSM-7 look-alikes, keeping the rest."""
    # A second pass can still change the text: a combining mark left alone after a replaced
    # letter ("œ" + acute -> "oe" + acute) composes with the new letter under NFC ("oé").
    # After the first pass only such compositions can change it, each shortening the text, so
    # the loop ends, and its result is idempotent.
    while (result := _to_gsm_once(text)) != text:
        text = result
    return result


# Trailing characters that look wrong before an ellipsis ("Bonjour, ..." -> "Bonjour...").
_BEFORE_ELLIPSIS = " \t\n\r,;:.-"


def fit(text: str, max_segments: int = 3, gsm_only: bool = True) -> str:
    """Return `text` as it will be sent: look-alikes applied, cut with "..." to fit max_segments."""
    if max_segments < 1:
        raise ValueError(f"max_segments must be at least 1, not {max_segments}")
    body = to_gsm(text) if gsm_only else text
    if segments(body).count <= max_segments:
        return body

    def fits(end: int) -> bool:
        return segments(body[:end].rstrip(_BEFORE_ELLIPSIS) + "...").count <= max_segments

    # Binary search for the longest prefix that fits with the ellipsis; "..." alone always does.
    # Cutting the text can also drop its only emoji and so move it from UCS-2 back to GSM-7.
    lo, hi = 0, len(body)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    # Back up to a word boundary so no word is cut in half. Packing escape pairs and emoji whole
    # makes the fit not strictly monotonic in length, so each boundary is checked again.
    for end in range(lo, 0, -1):
        if body[end].isspace() and fits(end):
            return body[:end].rstrip(_BEFORE_ELLIPSIS) + "..."
    # One word longer than the budget (a pasted link): cut inside it rather than send nothing.
    return body[:lo].rstrip(_BEFORE_ELLIPSIS) + "..."


# ANSI/VT100 escape sequences, as pasted from a terminal or sent by a misbehaving gateway:
# CSI (colours, cursor moves), OSC (titles, links; ended by BEL or ESC \), 8-bit CSI, and
# the remaining two-character escapes.
_ANSI_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b[@-Z\\-_]"
)
# Invisible characters with no meaning in a message that would defeat keyword matching
# ("STOP\u200b"). Zero-width joiners stay: emoji sequences and some scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
_WHITESPACE_RUN = re.compile(r"\s+")


def _clean_char(ch: str) -> str:
    """Return `ch`, a space for a whitespace control, or nothing for another control or surrogate."""
    category = unicodedata.category(ch)
    if category == "Cc":
        return " " if ch.isspace() else ""
    # A lone surrogate cannot be encoded again for storage or a reply.
    return "" if category == "Cs" else ch


def clean_inbound(text: str) -> str:
    """Normalise an inbound SMS body: NFC, no controls or ANSI escapes, single spaces, 1,600 chars."""
    text = _ANSI_ESCAPE.sub("", text).translate(_INVISIBLE)
    text = "".join(_clean_char(ch) for ch in text)
    # NFC so "é" typed as e + combining acute matches the catalogue's é. It comes after the
    # removals: a dropped zero-width space may have kept a letter and a mark apart.
    text = unicodedata.normalize("NFC", text)
    text = _WHITESPACE_RUN.sub(" ", text).strip()
    return text[:MAX_BODY_CHARS].rstrip()


def fits(text: str, max_segments: int = 3, gsm_only: bool = True) -> bool:
    """Tell whether `text` goes in at most `max_segments` segments once rendered (GSM-7 look-alikes if asked)."""
    return segments(to_gsm(text) if gsm_only else text).count <= max_segments
