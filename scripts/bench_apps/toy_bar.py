"""Yardstick for `make bench`: the smallest Streamlit app with one plotly bar chart.

A sidebar "From edition" selectbox and one plotly bar of the editions from there on: what any
Streamlit + plotly app costs to start, to draw its first chart and to redraw it after a filter change.
"""
import plotly.graph_objects as go
import streamlit as st

PROJECTS = {2018: 430, 2019: 638, 2020: 684, 2021: 703, 2022: 568, 2023: 587, 2024: 718, 2025: 700}

year_from = st.sidebar.selectbox("From edition", list(PROJECTS))
shown = {year: count for year, count in PROJECTS.items() if year >= year_from}
st.plotly_chart(go.Figure(go.Bar(x=[str(y) for y in shown], y=list(shown.values()))))
