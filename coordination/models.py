"""The project package holds no models any more: its user sessions moved to ``accounts``."""
