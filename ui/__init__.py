"""App-side glue: Streamlit state, caching and safe rendering. lib/ never imports this."""
