"""Lotsen's terminal interface (Textual). Reads and writes only through model's store API."""
