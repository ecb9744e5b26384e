"""Typed counts and number parsing (newsevents.extract.counts)."""

import pytest

from newsevents.extract.counts import find_counts, parse_number


def kinds(sentence):
    return [(c.kind, c.value, c.qualifier) for c in find_counts(sentence)]


def test_seed_strike_sentence():
    s = ("On Saturday, a Russian drone struck a passenger bus in the Sumy region, killing at "
         "least nine civilians and wounding seven others, according to the regional administration.")
    assert kinds(s) == [("killed", 9, "at_least"), ("injured", 7, "exact")]


def test_seed_prisoner_exchange():
    assert kinds("Russia and Ukraine agreed to swap 1,000 prisoners of war each.") == [
        ("prisoners", 1000, "exact")]
    assert kinds("a 1,000-for-1,000 prisoner swap") == [("prisoners", 1000, "exact")]


@pytest.mark.parametrize("sentence,expected", [
    ("Two civilians were killed.", [("killed", 2, "exact")]),
    ("9 people died in the blast.", [("killed", 9, "exact")]),
    ("A man was killed.", [("killed", 1, "exact")]),
    ("more than 20 pro-Houthi elements killed", [("killed", 20, "at_least")]),
    ("up to 5 soldiers were wounded", [("injured", 5, "up_to")]),
    ("dozens were injured", [("injured", 24, "about")]),
    ("Police arrested 12 protesters.", [("detained", 12, "exact")]),
    ("between 5 and 10 people were wounded", [("injured", 5, "range")]),
    ("three gunmen killed 2 civilians", [("killed", 2, "exact")]),
    ("No fatalities were reported.", [("killed", 0, "exact")]),
    ("an unconditional 30-day ceasefire", []),
    ("the first talks in three years", []),
    ("In 2019 the clashes ended.", []),
])
def test_find_counts(sentence, expected):
    assert kinds(sentence) == expected


def test_parse_number():
    assert parse_number("nine") == (9, "exact")
    assert parse_number("1,000") == (1000, "exact")
    assert parse_number("at least 12") == (12, "at_least")
    assert parse_number("more than 20") == (20, "at_least")
    assert parse_number("up to 5") == (5, "up_to")
    assert parse_number("dozens") == (24, "about")
    assert parse_number("a dozen") == (12, "about")
    assert parse_number("twenty-five") == (25, "exact")
    assert parse_number("unknown") is None


def test_never_zero_for_silence():
    assert all(c.value > 0 for c in find_counts("Many people were hurt in clashes."))


def test_number_after_a_conjunction_takes_the_verb_that_follows_it():
    """'nine were killed and seven wounded': the seven were wounded, not killed."""
    found = [(c.kind, c.value) for c in find_counts("Nine people were killed and seven wounded when a drone hit a bus.")]
    assert found == [("killed", 9), ("injured", 7)]
    assert [(c.kind, c.value) for c in find_counts("Three were killed and 12 injured.")] == [("killed", 3), ("injured", 12)]


def test_decimal_after_a_year_word_is_not_a_crash():
    """'in 12.2 percent' once crashed the year check (int('12.2'))."""
    assert find_counts("Inflation in 12.2 percent of cases rose since 2019, officials said.") == []
    assert find_counts("The economy grew in 2024 by 12.2 percent.") == []


def test_second_number_after_and_takes_its_own_verb():
    assert kinds("1 civilian was killed and 1 was wounded") == [("killed", 1, "exact"), ("injured", 1, "exact")]


def test_number_with_its_own_clause_is_not_the_toll():
    """'Three suspects managed to flee and one was killed': the three fled, one died."""
    assert kinds("Three suspects managed to flee and one was killed") == [("killed", 1, "exact")]
    assert kinds("three civilians and two soldiers were killed") == [("killed", 3, "exact"), ("killed", 2, "exact")]


def test_shot_to_death_is_a_killing():
    assert kinds("Two men were shot to death by gunmen") == [("killed", 2, "exact")]
    assert kinds("a man was shot to death by four armed men") == [("killed", 1, "exact")]


def test_article_before_a_noun_modifier_is_not_one_prisoner():
    assert kinds("The only outcome was an agreement to carry out a prisoner exchange.") == []
    assert kinds("a drug and kidnapping suspect was killed") == [("killed", 1, "exact")]
