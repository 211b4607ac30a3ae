"""Profiles' domain: plain Python, no Flask, no SQLAlchemy."""
