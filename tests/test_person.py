"""What a message says of the person (age, gender, children) and place, for eligibility and distance."""
import pytest

from bot.engine.person import about_person, place_in


@pytest.mark.parametrize("text, expected", [
    ("I'm 19 and need a bed tonight", {"age": 19}),
    ("j'ai 67 ans pis mon loyer a monte", {"age": 67, "senior": True}),
    ("im a woman and i need a shelter", {"gender": "women"}),
    ("je suis une femme seule", {"gender": "women"}),
    ("I'm a dad with 2 kids, need food", {"gender": "men", "family": True}),
    ("need food for my kids", {"family": True}),
    ("my husband's a man of few words", {}),
    ("I need 20 dollars", {}),
    ("I'm 17 and my mom kicked me out", {"age": 17}),
    ("mon fils de 8 ans a besoin d'un habit de neige", {"family": True, "child_age": 8}),
    ("I'm pregnant and need a doctor", {"gender": "women", "pregnant": True}),
    ("just arrived in canada as a refugee, need winter clothes for my kids", {"family": True, "newcomer": True}),
    ("I'm 70 and need food", {"age": 70, "senior": True}),
    ("can I bring my dog to the shelter", {"pets": True}),
    ("nouvelle arrivante, j'ai 24 ans", {"age": 24, "newcomer": True}),
])
def test_about_person(text, expected):
    assert about_person(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("food bank near T1A 2B3 please", "T1A 2B3"),
    ("shelter near t1a", "T1A"),
    ("I need 2 beds", None),
    ("bus pass", None),
])
def test_place_in(text, expected):
    assert place_in(text) == expected
