"""Lotsen's domain and its store; light to import (the ORM loads only when the store is used)."""

__version__ = "0.1.0"
