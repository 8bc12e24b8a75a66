"""Rules that read a Vietnamese press report of a coordination conference.

``extract(text)`` proposes, each with the span of text it came from and a confidence:
agreements (kind, number, signing date, period, parties, role at the event, subject), the
conference (kinds, date, reviewed period, place), bodies, officials (name, rank, positions,
body), commendation lines, reported figures, movements and model practices.

The text is prepared once into a ``Document`` (prepare.py, document.py); then one pass per
field type reads it (passes/), each claiming the characters it explains so that a later
pass does not read them again: dates and agreement numbers are not figures, the count of a
commendation is not a figure, a body named inside an official's party position is not a
party. Values below THRESHOLD are kept apart (``Extraction.uncertain``) and left for the
user to decide.
"""

import time

from pressimport.extraction.names import name_key
from pressimport.extraction.passes import bodies, dates, officials
from pressimport.extraction.passes.agreement_merge import finish_agreements, merge_agreements
from pressimport.extraction.passes.agreements import find_agreement_mentions
from pressimport.extraction.passes.commendations import find_commendations
from pressimport.extraction.passes.conference import find_conference
from pressimport.extraction.passes.figures import find_figures
from pressimport.extraction.passes.movements_models import find_movements_and_models
from pressimport.extraction.prepare import ExtractionError, check_text, normalise_input, prepare
from pressimport.extraction.results import THRESHOLD, Extraction

__all__ = ["THRESHOLD", "Extraction", "ExtractionError", "extract", "name_key"]


def extract(text: str) -> Extraction:
    """Read ``text`` and propose what it reports. Raises ExtractionError for unreadable text."""
    started = time.perf_counter()
    text = normalise_input(text)
    check_text(text)
    doc = prepare(text)
    dates.find_dates(doc)
    bodies.find_bodies(doc)
    officials.find_officials(doc)
    find_agreement_mentions(doc)
    merge_agreements(doc)
    find_conference(doc)
    finish_agreements(doc)
    find_commendations(doc)
    find_figures(doc)
    find_movements_and_models(doc)
    bodies.finish_bodies(doc)
    result = Extraction(
        text=text,
        published_on=doc.published_on,
        ignored=doc.ignored,
        agreements=doc.agreements,
        conference=doc.conference,
        bodies=doc.bodies,
        officials=doc.officials,
        commendations=doc.commendations,
        figures=doc.figures,
        movements=doc.movements,
        models=doc.models,
        provinces=bodies.provinces(doc),
        hosts=[body.name for body in bodies.hosts(doc)],
    )
    result.seconds = time.perf_counter() - started
    return result
