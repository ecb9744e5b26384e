"""Optional help from a spaCy pipeline with a named-entity recogniser (e.g. ``en_core_web_sm``).

Why optional: the rule engine runs on package data alone and must never need a model. A user
who has a statistical English model installed can name it (``NEWSEVENTS_SPACY_MODEL`` or
``newsevents extract --spacy-model``) and the engine uses its entities where rules are weakest,
reading toponyms:

* a name the model tags as a place (GPE, LOC, FAC) counts even when it is a small village and
  no "in"/"near" stands before it;
* a gazetteer match inside a PERSON or ORG entity ("Nelson" in "Nelson Mandela") is dropped.

Only sentences that carry an event trigger are passed to the model, so its cost stays small.
Any name ``spacy.load`` accepts works: an installed package or a pipeline folder on disk.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from newsevents.errors import ConfigError

ENV = "NEWSEVENTS_SPACY_MODEL"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG"})

Entity = tuple[int, int, str]  # start, end (characters in the text given), label


class EntityModel:
    """A loaded spaCy pipeline, reduced to the one question the engine asks of it."""

    def __init__(self, nlp: Any, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def entities(self, text: str) -> list[Entity]:
        """Entities of ``text`` with character offsets into it."""
        return [(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]


def load(name: str) -> EntityModel:
    """Load a pipeline by package name or path; a clear error when it is not there."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a dependency of the project
        raise ConfigError("spaCy is not installed", hint="run `make setup`") from exc
    try:
        nlp = spacy.load(name, exclude=["parser", "lemmatizer", "textcat", "senter"])
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed or not a pipeline folder",
            hint=f"install it (e.g. `pip install {name}`), point {ENV} at a pipeline folder, "
                 f"or unset {ENV} to use the rules alone",
        ) from exc
    if "ner" not in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        raise ConfigError(f"spaCy pipeline {name!r} has no entity recogniser",
                          hint="use a model with an `ner` component, e.g. en_core_web_sm")
    return EntityModel(nlp, name)


@lru_cache(maxsize=4)
def _cached(name: str) -> EntityModel:
    return load(name)


def configured() -> EntityModel | None:
    """The model named by ``NEWSEVENTS_SPACY_MODEL``, loaded once per process; else None."""
    name = os.environ.get(ENV, "").strip()
    return _cached(name) if name else None
