"""Yardstick for `make bench`: the smallest Streamlit app with one KPI.

One edition selectbox and one st.metric, nothing else: what any Streamlit app costs to start and to
answer a change. The figures are the reported projects signed per edition (loaders/synth.py).
"""
import streamlit as st

PROJECTS = {2018: 430, 2019: 638, 2020: 684, 2021: 703, 2022: 568, 2023: 587, 2024: 718, 2025: 700}

year = st.selectbox("Edition", list(PROJECTS)[::-1])
st.metric("Projects signed", f"{PROJECTS[year]:,}", PROJECTS[year] - PROJECTS.get(year - 1, PROJECTS[year]))
