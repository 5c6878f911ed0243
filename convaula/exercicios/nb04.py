"""Perguntas conferidas do notebook 04 (convolução como matriz).

q1 a q3 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Equivoco, Pergunta
from .codigo import Codigo
from .tipos import Tupla

# A camada da seção 3: C_in = 2, C_out = 3, k = 3, s = 2, p = 1, entrada 6×6 (saída 3×3).
_C_IN, _C_OUT, _K, _N, _N_OUT = 2, 3, 3, 6, 3

q1 = Pergunta(
    "04", "q1", "Quantas linhas e colunas tem a matriz da convolução C_in = 2, C_out = 3, k = 3, "
    "s = 2, p = 1 sobre 6×6?", Tupla(2),
    (_C_OUT * _N_OUT ** 2, _C_IN * _N ** 2),
    equivocos=[
        Equivoco("linhas_colunas_trocadas", "Linhas e colunas trocadas: cada linha é uma posição "
                 "da saída (C_out·H_out·W_out) e cada coluna, uma entrada (C_in·H·W).",
                 (_C_IN * _N ** 2, _C_OUT * _N_OUT ** 2)),
        Equivoco("passo_ignorado", "Parece que o passo ficou de fora: com s = 2 a saída tem uma "
                 "posição sim, outra não, e a matriz perde as linhas correspondentes.",
                 (_C_OUT * _N ** 2, _C_IN * _N ** 2)),
        Equivoco("sem_mais_um", "Parece que faltou o +1 no tamanho da saída: ⌊(n + 2p − k)/s⌋ "
                 "conta os passos da janela, e as posições são esse número mais 1.",
                 (_C_OUT * 2 ** 2, _C_IN * _N ** 2)),
        Equivoco("canais_esquecidos", "Faltaram os canais: as linhas são C_out·H_out·W_out e as "
                 "colunas C_in·H·W.", (_N_OUT ** 2, _N ** 2)),
    ],
    dica="primeiro o tamanho da saída, n_out = ⌊(6 + 2·1 − 3)/2⌋ + 1; depois linhas = "
         "C_out·n_out² e colunas = C_in·6².",
    solucao="n_out = ⌊(6 + 2 − 3)/2⌋ + 1 = 3; linhas = 3·3·3 = 27, colunas = 2·6·6 = 72.")

q2 = Pergunta(
    "04", "q2", "Quantas vezes aparecem na matriz o peso central peso[o, c, 1, 1] e o do canto "
    "peso[o, c, 0, 0]? Responda (central, canto).", Tupla(2), (9, 4),
    equivocos=[
        Equivoco("padding_na_matriz", "O preenchimento não tem coluna na matriz: quando o peso "
                 "cai sobre um zero do preenchimento, ele simplesmente não aparece naquela linha.",
                 (9, 9)),
        Equivoco("ordem_trocada", "A ordem pedida é (central, canto).", (4, 9)),
    ],
    dica="o peso central nunca cai no preenchimento; o do canto cai nele na primeira linha e na "
         "primeira coluna da saída 3×3.",
    solucao="o central aparece nas 3·3 = 9 posições da saída; o do canto só nas 2·2 = 4 que não "
            "estão na primeira linha nem na primeira coluna.")

q3 = Pergunta(
    "04", "q3", "Qual a forma de F.unfold(x[None], 3, padding=1, stride=2) para x de forma "
    "(2, 6, 6)?", Tupla(3), (1, _C_IN * _K * _K, _N_OUT ** 2),
    equivocos=[
        Equivoco("eixos_trocados", "Os eixos estão trocados: o unfold põe cada janela numa "
                 "coluna, (N, C_in·k², L).", (1, _N_OUT ** 2, _C_IN * _K * _K)),
        Equivoco("canais_esquecidos", "Cada coluna guarda a janela inteira, de todos os canais: "
                 "C_in·k² valores, não k².", (1, _K * _K, _N_OUT ** 2)),
        Equivoco("passo_ignorado", "O passo também vale para o unfold: com s = 2 há L = 3·3 "
                 "janelas, não 6·6.", (1, _C_IN * _K * _K, _N ** 2)),
    ],
    dica="unfold devolve (N, C_in·k·k, L), com L o número de posições da janela, H_out·W_out.",
    solucao="(1, 2·3·3, 3·3) = (1, 18, 9).")


def _matriz_torch(w: torch.Tensor, n: int, s: int) -> torch.Tensor:
    """A matriz de F.conv1d(·, w, stride=s) aplicada à base canônica (oráculo)."""
    base = torch.eye(n, dtype=w.dtype).reshape(n, 1, n)
    return F.conv1d(base, w.reshape(1, 1, -1), stride=s).reshape(n, -1).T


def _casos_matriz(gerador: torch.Generator) -> list:
    casos = [(torch.tensor([1., 2., 3.]), 7, 2)]
    for _ in range(6):
        k = int(torch.randint(2, 5, (1,), generator=gerador))
        n = int(torch.randint(k + 1, 10, (1,), generator=gerador))
        s = int(torch.randint(1, 4, (1,), generator=gerador))
        casos.append((torch.randint(-3, 4, (k,), generator=gerador).float(), n, s))
    return casos


def _matriz_referencia(w, n, s):
    k = len(w)
    n_out = (n - k) // s + 1
    M = torch.zeros(n_out, n)
    for t in range(n_out):
        M[t, t * s:t * s + k] = w  # a janela da saída t começa em t·s
    return M


ex1 = Pergunta(
    "04", "ex1", "Escreva matriz(w, n, s): a matriz da convolução 1D sem preenchimento, com passo s.",
    Codigo(_matriz_torch, _casos_matriz, ("w", "n", "s")), _matriz_referencia,
    equivocos=[
        Equivoco("nucleo_invertido", "Sua matriz usa o núcleo invertido. O F.conv1d não inverte "
                 "o núcleo: a linha t tem w[0], w[1], ... a partir da coluna t·s.",
                 lambda w, n, s: _matriz_referencia(w.flip(0), n, s)),
        Equivoco("passo_ignorado", "Sua matriz tem uma linha por posição de passo 1. Com passo s, "
                 "fica só uma linha a cada s (e a janela da linha t começa em t·s).",
                 lambda w, n, s: _matriz_referencia(w, n, 1)),
    ],
    dica="a saída tem n_out = ⌊(n − k)/s⌋ + 1 posições; a linha t da matriz tem w nas colunas "
         "t·s, ..., t·s + k − 1 e zero no resto.",
    solucao="crie uma matriz de zeros n_out × n e copie w na faixa que a janela de cada saída cobre.")
