"""Exploradores interativos: o estado (objetos simples, testáveis sem ipywidgets) e os widgets.

Notebooks: 01, 02, 03, 05 e 06.
"""
