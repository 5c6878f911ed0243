"""Perguntas conferidas do notebook 08 (LeNet-5 no Fashion-MNIST).

Ainda sem perguntas: veja o guia em ``convaula/exercicios/__init__.py`` para acrescentá-las
(q1, q2... para os "Preveja, depois confira"; ex1, ex2... para os exercícios do fim).
"""

from __future__ import annotations
