"""Configuração comum dos testes: matplotlib sem tela e modo CI nos notebooks."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("CONVAULA_CI", "1")
