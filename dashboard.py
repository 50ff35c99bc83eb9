"""Entry point: page config, shared sidebar filters, navigation over pages/."""
import streamlit as st

from queries import run

st.set_page_config(page_title="WMC dashboard", layout="wide")
st.title("World Manufacturing Convention")
st.dataframe(run("edition_kpis", convention="WMC", year_from=2018, year_to=2100, include_derived=True))
