"""The optional spaCy model: loaded with spaCy's own loader from a real pipeline folder.

No statistical model can be downloaded here, so the pipeline is built in the test: a blank
English pipeline whose entity ruler tags one village as a place and one name as a person,
saved with ``nlp.to_disk`` and loaded back through ``newsevents.extract.ner.load``, the
same code path an installed ``en_core_web_sm`` takes.
"""

import json
import subprocess
import sys

import pytest

from newsevents.errors import ConfigError
from newsevents.extract import extract_events, ner

TEXT = "Shelling hit Opytne on 3 May 2020. Vladimir Nelson protested on 4 May 2020."


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Opytne"},
                        {"label": "PERSON", "pattern": "Vladimir Nelson"}])
    path = tmp_path_factory.mktemp("model") / "toy_ner"
    nlp.to_disk(path)
    return path


def _places(events):
    return sorted({(e["location"] or {}).get("name") for e in events} - {None})


def test_rules_alone_miss_an_uncued_village_and_take_a_name_for_a_town(monkeypatch):
    monkeypatch.delenv(ner.ENV, raising=False)
    assert _places(extract_events({"id": "a", "text": TEXT, "published_at": None})) == ["Vladimir"]


def test_a_model_tags_the_village_and_the_person(monkeypatch, pipeline_dir):
    model = ner.load(str(pipeline_dir))
    assert (0, 6, "GPE") == model.entities("Opytne was shelled.")[0]
    monkeypatch.setenv(ner.ENV, str(pipeline_dir))
    assert _places(extract_events({"id": "a", "text": TEXT, "published_at": None})) == ["Opytne"]


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError) as err:
        ner.load(str(tmp_path / "no_such_model"))
    assert "not installed" in str(err.value) and ner.ENV in err.value.hint


def test_cli_option_uses_the_model(pipeline_dir):
    line = json.dumps({"id": "a", "text": TEXT, "published_at": None}) + "\n"
    cmd = [sys.executable, "-c", "import sys; from newsevents.cli import main; sys.exit(main(sys.argv[1:]))",
           "extract", "--spacy-model", str(pipeline_dir), "-"]
    out = subprocess.run(cmd, input=line, capture_output=True, text=True, check=True).stdout
    assert "Opytne" in _places([json.loads(x) for x in out.splitlines()])


def test_the_default_engine_never_imports_spacy():
    code = ("import sys; from newsevents.extract import extract_events; "
            "extract_events({'id': 'a', 'text': 'A drone struck a bus in Sumy.', 'published_at': None}); "
            "print('spacy' in sys.modules)")
    env = {k: v for k, v in __import__("os").environ.items() if k != ner.ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def test_entities_drop_a_name_that_only_starts_a_longer_place():
    from newsevents.extract.places import Gazetteer

    text = "Residents protested at Mosul Dam."  # a facility 50 km from the city
    gaz = Gazetteer.default()
    assert [m.text for m in gaz.find(text)] == ["Mosul"]
    start = text.index("Mosul")
    assert gaz.find(text, entities=[(start, start + len("Mosul Dam"), True)]) == []
