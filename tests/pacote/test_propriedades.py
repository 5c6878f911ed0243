"""Propriedades gerais, sorteadas pelo hypothesis (derandomizado: a mesma sequência sempre)."""

from __future__ import annotations

import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from convaula import (
    matriz_conv1d,
    output_padding_para,
    tamanho_saida,
    tamanho_saida_transposta,
)

configs = st.tuples(
    st.integers(1, 40),  # n
    st.integers(1, 7),   # k
    st.integers(1, 5),   # s
    st.integers(0, 4),   # p
    st.integers(1, 4),   # d
).filter(lambda c: c[0] + 2 * c[3] >= c[4] * (c[1] - 1) + 1)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(configs)
def test_transposta_com_output_padding_restaura_n(c):
    n, k, s, p, d = c
    saida = tamanho_saida(n, k, s, p, d)
    op = output_padding_para(n, k, s, p, d)
    assert 0 <= op < s
    assert tamanho_saida_transposta(saida, k, s, p, op, d) == n


@settings(derandomize=True, max_examples=300, deadline=None)
@given(configs)
def test_saida_cresce_com_n_e_diminui_com_s(c):
    n, k, s, p, d = c
    assert tamanho_saida(n + 1, k, s, p, d) >= tamanho_saida(n, k, s, p, d)
    assert tamanho_saida(n, k, s + 1, p, d) <= tamanho_saida(n, k, s, p, d)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(configs, st.integers(0, 2**31 - 1))
def test_transposta_e_adjunta(c, semente):
    """<M x, y> = <x, Mᵀ y>: a transposta é a adjunta da convolução."""
    n, k, s, p, d = c
    g = torch.Generator().manual_seed(semente)
    peso = torch.randn(k, dtype=torch.float64, generator=g)
    m = matriz_conv1d(peso, n, s, p, d)
    x = torch.randn(n, dtype=torch.float64, generator=g)
    y = torch.randn(m.shape[0], dtype=torch.float64, generator=g)
    assert torch.allclose((m @ x) @ y, x @ (m.T @ y), rtol=1e-10, atol=1e-10)
