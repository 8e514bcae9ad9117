"""The thread holds: choices in words, keywords in their own language, resuming, the first answer's safety line."""
import time

import pytest

from tests.test_sms_webhook import language_of, say


def first_service(listing: str) -> str:
    """Return the name of the first service of a numbered list."""
    return listing.split("1) ", 1)[1].split(".")[0].split(":")[0]


def test_the_first_answer_carries_the_emergency_and_crisis_numbers(phone):
    for number, text in (("+15875552001", "hello"), ("+15875552002", "Bonjour"), ("+15875552003", "I need food"),
                         ("+15875552004", "?")):
        first = "\n".join(say(phone(number), text))
        assert "911" in first and "9-8-8" in first, first


def test_later_answers_do_not_repeat_the_safety_line(phone):
    texter = phone("+15875552005")
    say(texter, "I need a food bank")
    details = "\n".join(say(texter, "1"))
    assert "9-8-8" not in details


@pytest.mark.parametrize("choice", ["2", "#2", "2)", "le 2", "deux", "two", "number 2", "la deuxième", "the second one"])
def test_a_choice_in_words_or_forms_picks_that_service(phone, choice):
    texter = phone("+15875552010")
    listing = "\n".join(say(texter, "I need a food bank"))
    second = listing.split("2) ", 1)[1].split(".")[0].split(":")[0]
    details = "\n".join(say(texter, choice))
    assert details.startswith(second[:20]), (choice, second, details)


def test_aide_from_a_new_contact_is_answered_in_french(phone):
    reply = "\n".join(say(phone("+15875552020"), "aide"))
    assert language_of(reply) == "fr", reply
    follow = "\n".join(say(phone("+15875552020"), "j'ai besoin de manger"))
    assert language_of(follow) == "fr", follow


def test_help_from_a_new_contact_is_answered_in_english(phone):
    assert language_of("\n".join(say(phone("+15875552021"), "HELP"))) == "en"


def test_agent_from_a_new_contact_is_answered_in_both_languages(phone):
    reply = "\n".join(say(phone("+15875552022"), "AGENT"))
    assert "1 Yes or 2 No" in reply and "1 Oui ou 2 Non" in reply, reply


@pytest.mark.parametrize("text", ["?", "🏠", "3"])
def test_a_first_message_with_no_language_gets_a_short_bilingual_greeting(phone, text):
    reply = "\n".join(say(phone("+15875552030"), text))
    assert "Bonjour" in reply and "Hello" in reply, reply


def test_reprendre_shows_again_what_was_waiting(phone):
    texter = phone("+15875552040")
    listing = "\n".join(say(texter, "j'ai besoin d'une banque alimentaire"))
    again = "\n".join(say(texter, "REPRENDRE"))
    assert first_service(again) == first_service(listing), (listing, again)


def test_recommencer_starts_over_in_french(phone):
    texter = phone("+15875552041")
    say(texter, "j'ai besoin d'une banque alimentaire")
    reply = "\n".join(say(texter, "RECOMMENCER"))
    assert language_of(reply) == "fr" and "1)" not in reply, reply


def test_continuing_after_a_silence_shows_the_list_again(make_app):
    from bot.simulator import Phone

    app = make_app(RESUME_PROMPT_AFTER=1)
    texter = Phone.in_process("+15875552050", "+1", app)
    listing = "\n".join(say(texter, "I need a food bank"))
    time.sleep(1.2)
    question = "\n".join(say(texter, "hi"))
    assert "continue" in question.lower()
    again = "\n".join(say(texter, "1"))
    assert first_service(again) == first_service(listing), (listing, again)


def test_service_details_end_on_a_whole_sentence(phone):
    texter = phone("+15875552060")
    say(texter, "I need winter tires to keep my job")
    for number in ("1", "2", "3"):
        details = say(texter, number)[0]
        description = details.split("\n")[1]
        assert description.endswith((".", "!", "?")) and "..." not in description, details
        say(texter, "MENU")
        say(texter, "I need winter tires to keep my job")


@pytest.mark.parametrize("way", ["stop texting me", "Please stop", "STOP STOP", "stop please", "opt out",
                                 "unsubscribe me", "arrête", "Arrêtez svp", "Arrêtez de m'écrire",
                                 "ne m'écrivez plus", "désabonnez-moi"])
def test_plain_ways_of_saying_stop_stop_the_texts(phone, way):
    texter = phone("+15875552070")
    say(texter, "bonjour j'ai besoin d'aide")
    assert say(texter, way), "the opt-out is confirmed once"
    assert say(texter, "loyer") == []


@pytest.mark.parametrize("text", ["I can't stop crying", "il arrête pas de pleurer", "stop by the food bank?"])
def test_stop_inside_a_sentence_is_not_an_opt_out(phone, text):
    texter = phone("+15875552071")
    say(texter, "hello")
    say(texter, text)
    assert say(texter, "I need a food bank")


def test_an_opted_out_number_gets_the_numbers_for_help_or_danger_and_comes_back_with_reprendre(phone):
    texter = phone("+15875552072")
    say(texter, "bonjour")
    say(texter, "ARRÊT")
    assert say(texter, "j'ai besoin de manger") == []
    reply = "\n".join(say(texter, "AIDE"))
    assert "911" in reply and "9-8-8" in reply and "START" in reply and "1)" not in reply
    reply = "\n".join(say(texter, "je veux mourir"))
    assert "911" in reply and "START" in reply
    assert say(texter, "REPRENDRE"), "REPRENDRE opts back in, like START"
    assert say(texter, "j'ai besoin de manger")
