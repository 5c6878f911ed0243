"""``convaula.preparar``: a semente fixa os três geradores e o formato de impressão."""

from __future__ import annotations

import random

import numpy as np
import torch

import convaula


def test_preparar_repete_os_sorteios_dos_tres_geradores():
    convaula.preparar(semente=7)
    primeiro = (random.random(), float(np.random.rand()), float(torch.rand(1)))
    convaula.preparar(semente=7)
    assert (random.random(), float(np.random.rand()), float(torch.rand(1))) == primeiro
    convaula.preparar(semente=8)
    assert float(torch.rand(1)) != primeiro[2]


def test_preparar_fixa_a_precisao_da_impressao():
    convaula.preparar(precisao=2)
    assert repr(torch.tensor([1 / 3])) == "tensor([0.33])"
    convaula.preparar()
    assert repr(torch.tensor([1 / 3])) == "tensor([0.3333])"


def test_preparar_usa_uma_thread_so_no_modo_ci(monkeypatch):
    antes = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        monkeypatch.delenv("CONVAULA_CI", raising=False)
        convaula.preparar()
        assert torch.get_num_threads() == 2
        monkeypatch.setenv("CONVAULA_CI", "1")
        convaula.preparar()
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(antes)
