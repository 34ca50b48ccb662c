"""Locale tags, negotiation, catalogs and their checks: no Flask here."""
