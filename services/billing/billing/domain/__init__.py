"""Billing's domain: plain Python, no Flask, no SQLAlchemy."""
