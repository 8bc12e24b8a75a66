"""The years a record of the registry may name: from the founding of the state to 2100."""

MIN_YEAR = 1945
MAX_YEAR = 2100
