"""The passes of the extractor, one per field type, in the order extract.py runs them."""
