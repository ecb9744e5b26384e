"""Gazetteer: toponyms, Ukrainian variants, admin1 phrases (newsevents.extract.places)."""

import pytest

from newsevents.extract.places import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def test_seed_sumy_region_is_admin1_near_the_city(gaz):
    text = "a Russian drone struck a passenger bus in the Sumy region, killing at least nine"
    (m,) = gaz.find(text, ["UKR"])
    assert m.text == "Sumy region"
    p = m.place
    assert (p.country, p.precision) == ("UKR", "admin1")
    assert abs(p.lat - 50.9) < 0.1 and abs(p.lon - 34.8) < 0.1


def test_bare_sumy_is_the_city(gaz):
    p = gaz.resolve("Sumy", ["UKR"])
    assert (p.country, p.precision, p.geonames_id) == ("UKR", "city", 692194)
    assert abs(p.lat - 50.9) < 0.1 and abs(p.lon - 34.8) < 0.1


@pytest.mark.parametrize("a,b", [("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"),
                                 ("Zaporizhzhia", "Zaporozhye")])
def test_ukrainian_variants(gaz, a, b):
    pa, pb = gaz.resolve(a), gaz.resolve(b)
    assert pa is not None and pa == pb and pa.country == "UKR" and pa.precision == "city"


@pytest.mark.parametrize("name", ["Sumy Oblast", "Donetsk Oblast", "Idlib province"])
def test_admin1_phrases(gaz, name):
    p = gaz.resolve(name)
    assert p is not None and p.precision == "admin1" and p.lat is not None


def test_small_town_and_acled_phrasing(gaz):
    assert gaz.resolve("Bilopillia").country == "UKR"
    (m, inner, country) = gaz.find("On 3 May 2020, ... in Kabul city (Kabul, Afghanistan)")
    assert (m.text, m.place.precision, m.place.country) == ("Kabul city", "city", "AFG")
    assert country.place.precision == "country"


def test_people_and_common_words_are_not_places(gaz):
    text = "US President Donald Trump will speak with Vladimir Putin. Police said it was Nice."
    names = [m.text for m in gaz.find(text)]
    assert "Donald" not in names and "Vladimir" not in names and "Police" not in names


def test_countries_in_by_name_and_demonym(gaz):
    text = "Russian forces hit Ukraine. Ukrainian officials said Russia and Turkey met."
    assert set(gaz.countries_in(text)[:2]) == {"UKR", "RUS"}
    assert gaz.countries_in("Ukrainian troops in Ukraine; Russia") == ["UKR", "RUS"]


def _found(gaz, text):
    return [(m.text, m.place.name, m.place.precision, m.place.country) for m in gaz.find(text)]


def test_a_small_place_counts_after_in_or_near_when_no_country_is_named(gaz):
    assert _found(gaz, "the SMM observed 2 explosions near Opytne.")[0][3] == "UKR"
    assert _found(gaz, "employees held a protest in Fier, demanding pay")[0][:2] == ("Fier", "Fier")
    # no cue, or a common English word: not a place
    assert _found(gaz, "Opytne was quiet.") == []
    assert _found(gaz, "teachers of the bilingual College demonstrated") == []


def test_possessive_place_names(gaz):
    assert _found(gaz, "demonstrators burned tires in Baghdad's central square")[0][:3] == \
        ("Baghdad", "Baghdad", "city")


def test_division_after_a_city_is_the_division_and_picks_the_city(gaz):
    (city, state) = gaz.find("On 6 May 2020, in Monterrey, Nuevo Leon, merchants protested")
    assert (state.place.precision, city.place.admin1_key) == ("admin1", state.place.admin1_key)
    assert abs(city.place.lat - 25.67) < 0.2
    (city, state) = gaz.find("in Manaus, Amazonas, a man was shot")
    assert (city.place.country, state.place.precision) == ("BRA", "admin1")
    assert city.place.admin1_key == state.place.admin1_key == "BR.04"


def test_iso_names_that_geonames_shortens(gaz):
    p = gaz.resolve("Michoacan", ["MEX"])
    assert (p.precision, p.admin1_key) == ("admin1", "MX.16")


def test_district_named_by_a_level_word_resolves_to_the_district(gaz):
    (m, _, state) = gaz.find("air raids were reported on Khabb wa ash Shaaf district in northern Yemen (Al Jawf)")
    assert (m.place.precision, m.place.country) == ("admin2", "YEM")
    assert m.place.admin1_key == state.place.admin1_key


def test_sub_districts_from_geoboundaries(gaz):
    (m, *_) = gaz.find("Boko Haram looted a house in Cheripouri, Kolofata subdivision (Mayo-Sava, Extreme-Nord).",
                       ["NGA"])  # the actor's country does not stop an explicit "subdivision"
    assert (m.text, m.place.country, m.place.precision) == ("Kolofata subdivision", "CMR", "admin2")
    assert abs(m.place.lat - 11.1) < 0.3 and abs(m.place.lon - 14.0) < 0.3


def test_a_big_city_hyphenated_to_its_district_is_the_city(gaz):
    (m, *_) = gaz.find("militants threw a grenade at police in Mogadishu-Wardhigley district (Wardhigley, Banadir).")
    assert (m.text, m.place.country) == ("Mogadishu", "SOM")
    assert "Donald" not in [x.text for x in gaz.find("US President Donald Trump-Putin talks")]
