"""Reading press reports: propose the facts of a conference from pasted Vietnamese text."""

from pressimport.extraction.extract import THRESHOLD, Extraction, extract, name_key
from pressimport.extraction.prepare import MAX_CHARS, ExtractionError, split_header

__all__ = ["MAX_CHARS", "THRESHOLD", "Extraction", "ExtractionError", "extract", "name_key", "split_header"]
