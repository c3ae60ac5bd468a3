"""Revue: turns news articles into frames of actors, quotes, tone, stances and dates.

Plain library: no Streamlit import anywhere below this package.
"""
