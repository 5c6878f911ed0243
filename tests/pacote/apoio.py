"""Geradores de configurações para os testes do pacote: um lugar só, importado pelos testes.

- ``config_conv(rng)``: uma convolução que o PyTorch aceita (1D a 3D, canais e grupos);
- ``config_transposta(rng)``: o mesmo para a transposta, com ``output_padding``;
- ``CONFIGS_1D``: (n, k, s, p, d) 1D sorteados pelo hypothesis, com a janela cabendo na entrada;
- ``grade_1d(ns, ks, ss, ps, ds)``: todas as (n, k, s, p, d) de uma grade em que a janela cabe.
"""

from __future__ import annotations

import itertools
import random

from hypothesis import strategies as st

from convaula.formulas import tamanho_saida, tamanho_saida_transposta



def _canais(rng: random.Random, dims: list[int], grupos: list[int]) -> tuple[int, int, int, int]:
    """(dims, groups, c_in, c_out) sorteados, com os canais múltiplos de ``groups``."""
    d, g = rng.choice(dims), rng.choice(grupos)
    return d, g, g * rng.randint(1, 2), g * rng.randint(1, 2)


def _geometria(rng: random.Random, dims: int, n_max: int, p_max: int) -> tuple[tuple[int, ...], ...]:
    """(n, k, s, p, d) sorteados, uma tupla por parâmetro com um valor por dimensão."""
    limites = [(1, n_max), (1, 4), (1, 3), (0, p_max), (1, 2)]
    return tuple(tuple(rng.randint(a, b) for _ in range(dims)) for a, b in limites)


def config_conv(rng: random.Random):
    """Uma convolução que o PyTorch aceita: dims, groups, c_in, c_out, n, k, s, p, d."""
    dims, groups, c_in, c_out = _canais(rng, [1, 1, 2, 2, 2, 3], [1, 1, 2, 3])
    while True:
        n, k, s, p, d = _geometria(rng, dims, {1: 16, 2: 9, 3: 5}[dims], 2)
        try:
            tamanho_saida(n, k, s, p, d)
            return dims, groups, c_in, c_out, n, k, s, p, d
        except ValueError:
            continue


def config_transposta(rng: random.Random):
    """Uma transposta que o PyTorch aceita: dims, groups, c_in, c_out, n, k, s, p, output_padding, d."""
    dims, groups, c_in, c_out = _canais(rng, [1, 2, 2, 3], [1, 1, 2])
    while True:
        n, k, s, p, d = _geometria(rng, dims, {1: 9, 2: 6, 3: 3}[dims], 3)
        op = tuple(rng.randint(0, max(si, di) - 1) for si, di in zip(s, d))
        try:
            tamanho_saida_transposta(n, k, s, p, op, d)
            return dims, groups, c_in, c_out, n, k, s, p, op, d
        except ValueError:
            continue


def cabe(n: int, k: int, p: int, d: int) -> bool:
    """A janela dilatada d(k−1) + 1 cabe na entrada com padding, n + 2p (uma dimensão)."""
    return n + 2 * p >= d * (k - 1) + 1


def grade_1d(ns, ks, ss, ps, ds) -> list[tuple[int, int, int, int, int]]:
    """Todas as (n, k, s, p, d) do produto das listas em que a janela cabe na entrada."""
    return [(n, k, s, p, d) for n, k, s, p, d in itertools.product(ns, ks, ss, ps, ds) if cabe(n, k, p, d)]


CONFIGS_1D = st.tuples(
    st.integers(1, 40),  # n
    st.integers(1, 7),   # k
    st.integers(1, 5),   # s
    st.integers(0, 4),   # p
    st.integers(1, 4),   # d
).filter(lambda c: cabe(c[0], c[1], c[3], c[4]))
