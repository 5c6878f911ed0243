"""Perguntas conferidas do notebook 04 (convolução como matriz).

q1 a q3 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..formulas import tamanho_saida
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


def matriz(w, n, s):
    k = len(w)
    n_out = (n - k) // s + 1
    M = torch.zeros(n_out, n)
    for t in range(n_out):
        M[t, t * s:t * s + k] = w  # a janela da saída t começa em t·s
    return M


ex1 = Pergunta(
    "04", "ex1", "Escreva matriz(w, n, s): a matriz da convolução 1D sem preenchimento, com passo s.",
    Codigo(_matriz_torch, _casos_matriz, ("w", "n", "s")), matriz,
    equivocos=[
        Equivoco("nucleo_invertido", "Sua matriz usa o núcleo invertido. O F.conv1d não inverte "
                 "o núcleo: a linha t tem w[0], w[1], ... a partir da coluna t·s.",
                 lambda w, n, s: matriz(w.flip(0), n, s)),
        Equivoco("passo_ignorado", "Sua matriz tem uma linha por posição de passo 1. Com passo s, "
                 "fica só uma linha a cada s (e a janela da linha t começa em t·s).",
                 lambda w, n, s: matriz(w, n, 1)),
    ],
    dica="a saída tem n_out = ⌊(n − k)/s⌋ + 1 posições; a linha t da matriz tem w nas colunas "
         "t·s, ..., t·s + k − 1 e zero no resto.",
    solucao="crie uma matriz de zeros n_out × n e copie w na faixa que a janela de cada saída cobre.")


# Exercício 2: C_in = 3, C_out = 4, k = 3, p = 1, s = 2, entrada 8×8.
def _nao_nulas(n: int, k: int, s: int, p: int) -> int:
    """Quantos pesos de uma dimensão caem dentro da entrada, somados sobre as posições de saída."""
    n_out = tamanho_saida(n, k, stride=s, padding=p)
    return sum(sum(0 <= t * s - p + j < n for j in range(k)) for t in range(n_out))


def _forma_e_nao_nulas(c_in: int, c_out: int, n: int, k: int, s: int, p: int) -> tuple:
    n_out = tamanho_saida(n, k, stride=s, padding=p)
    return (c_out * n_out ** 2, c_in * n ** 2, c_out * c_in * _nao_nulas(n, k, s, p) ** 2)


_EX2 = dict(c_in=3, c_out=4, n=8, k=3)

ex2 = Pergunta(
    "04", "ex2", "C_in = 3, C_out = 4, k = 3, p = 1, s = 2, entrada 8×8: (linhas, colunas, "
    "entradas não nulas) da matriz?", Tupla(3), _forma_e_nao_nulas(**_EX2, s=2, p=1),
    equivocos=[
        Equivoco("preenchimento_nao_apaga", "Nem toda linha tem C_in·k² pesos: os que cairiam no "
                 "preenchimento não aparecem na matriz (não há coluna para eles).",
                 (64, 192, 64 * 27)),
        Equivoco("passo_ignorado", "Essa é a matriz com passo 1. Com s = 2 ficam só as linhas "
                 "das posições de saída pares em cada dimensão.", _forma_e_nao_nulas(**_EX2, s=1, p=1)),
        Equivoco("linhas_colunas_trocadas", "Linhas e colunas trocadas: uma linha por posição "
                 "da saída (C_out·H_out·W_out), uma coluna por entrada (C_in·H·W).",
                 (192, 64, _forma_e_nao_nulas(**_EX2, s=2, p=1)[2])),
    ],
    dica="n_out = ⌊(8 + 2 − 3)/2⌋ + 1 = 4. Numa dimensão, some quantos dos 3 pesos caem dentro "
         "da entrada para cada uma das 4 posições (a primeira janela começa no preenchimento); "
         "em 2D esse número vai ao quadrado, e vezes C_out·C_in.",
    solucao="linhas 4·4·4 = 64, colunas 3·8·8 = 192. Numa dimensão as janelas começam em −1, 1, "
            "3, 5: a primeira perde um peso, então 2 + 3 + 3 + 3 = 11; não nulas = 4·3·11² = "
            "1452 (sem o preenchimento seriam 64·27 = 1728).")


def im2col(x, k):
    C, H, W = x.shape
    colunas = []
    for i in range(H - k + 1):          # a janela desce linha a linha...
        for j in range(W - k + 1):      # ...e anda coluna a coluna
            colunas.append(x[:, i:i + k, j:j + k].reshape(-1))  # (C·k·k,), ordem (c, linha, coluna)
    return torch.stack(colunas, dim=1)  # (C·k·k, L)


def _canal_por_ultimo(x: torch.Tensor, k: int) -> torch.Tensor:
    """im2col com a ordem (linha, coluna, canal) dentro de cada coluna (um equívoco)."""
    H, W = x.shape[1:]
    return torch.stack([x[:, i:i + k, j:j + k].permute(1, 2, 0).reshape(-1)
                        for i in range(H - k + 1) for j in range(W - k + 1)], dim=1)


def _casos_im2col(gerador: torch.Generator) -> list:
    casos = [(torch.arange(2 * 3 * 3).reshape(2, 3, 3).float(), 2)]
    for _ in range(5):
        c, h, w = (int(v) for v in torch.randint(1, 4, (3,), generator=gerador) + torch.tensor([0, 2, 2]))
        k = int(torch.randint(1, min(h, w) + 1, (1,), generator=gerador))
        casos.append((torch.randint(-4, 5, (c, h, w), generator=gerador).float(), k))
    return casos


ex3 = Pergunta(
    "04", "ex3", "Escreva im2col(x, k) para x de forma (C, H, W), sem preenchimento e passo 1: o "
    "mesmo que F.unfold(x[None], k)[0].", Codigo(lambda x, k: F.unfold(x[None], k)[0],
                                                 _casos_im2col, ("x", "k")), im2col,
    equivocos=[
        Equivoco("janelas_nas_linhas", "Cada janela deve ser uma coluna, (C·k·k, L); a sua "
                 "resposta tem as janelas nas linhas (a transposta).", lambda x, k: im2col(x, k).T),
        Equivoco("canal_por_ultimo", "As janelas estão certas, mas a ordem dentro da coluna não: "
                 "o unfold põe primeiro o canal, depois a linha e a coluna do núcleo, (c, i, j).",
                 lambda x, k: _canal_por_ultimo(x, k)),
    ],
    dica="percorra as posições (i, j) da janela linha a linha; para cada uma, recorte "
         "x[:, i:i+k, j:j+k], achate e ponha como coluna (torch.stack(..., dim=1)).",
    solucao="um laço sobre as L = (H−k+1)(W−k+1) posições da janela; cada recorte C × k × k é "
            "achatado na ordem (canal, linha, coluna), que é a ordem do F.unfold.")


def linhas_do_passo(h, w, s):
    indices = torch.arange(h * w).reshape(h, w)   # a linha da matriz de cada posição (i, j)
    return indices[::s, ::s].reshape(-1)          # ficam as posições com i e j múltiplos de s


def _casos_passo(gerador: torch.Generator) -> list:
    casos = [(5, 5, 2)]
    for _ in range(6):
        h, w = (int(v) for v in torch.randint(2, 8, (2,), generator=gerador))
        casos.append((h, w, int(torch.randint(2, 4, (1,), generator=gerador))))
    return casos


def _linhas_torch(h: int, w: int, s: int) -> torch.Tensor:
    """Oráculo: marca cada posição de saída de passo 1 com o seu índice e aplica o passo no torch."""
    marcas = torch.arange(h * w, dtype=torch.float64).reshape(1, 1, h, w)
    return F.max_pool2d(marcas, kernel_size=1, stride=s).reshape(-1)


ex4 = Pergunta(
    "04", "ex4", "Escreva linhas_do_passo(h, w, s): os índices das linhas da matriz de passo 1 "
    "(saída h × w, um canal) que formam a matriz de passo s.",
    Codigo(_linhas_torch, _casos_passo, ("h", "w", "s")), linhas_do_passo,
    equivocos=[
        Equivoco("passo_no_vetor_achatado", "Você tomou uma linha a cada s no vetor achatado. O "
                 "passo vale em cada dimensão: ficam as posições (i, j) com i e j múltiplos de s, "
                 "e a linha da posição (i, j) é i·w + j.", lambda h, w, s: torch.arange(0, h * w, s)),
        Equivoco("so_nas_linhas", "O passo vale também nas colunas da imagem, não só nas linhas: "
                 "j também pula de s em s.",
                 lambda h, w, s: torch.arange(h * w).reshape(h, w)[::s].reshape(-1)),
    ],
    dica="numere as posições da saída de passo 1 com torch.arange(h * w).reshape(h, w) e "
         "guarde as que o passo mantém.",
    solucao="a linha da posição (i, j) é i·w + j; com passo s ficam i e j múltiplos de s: "
            "torch.arange(h * w).reshape(h, w)[::s, ::s].reshape(-1).")

_N_EX5 = 9   # x de forma (1, 2, 9, 9): outra forma que a da seção 6, para a resposta não estar à vista
ex5 = Pergunta(
    "04", "ex5", f"x de forma (1, 2, {_N_EX5}, {_N_EX5}): qual a forma de F.unfold(x, 3, dilation=2)?",
    Tupla(3), (1, 2 * 3 * 3, tamanho_saida(_N_EX5, 3, dilation=2) ** 2),
    equivocos=[
        Equivoco("dilatacao_ignorada", "A dilatação também vale no unfold: a janela de 3 pesos "
                 "alcança d(k−1) + 1 = 5 posições, e cabem menos janelas.",
                 (1, 18, tamanho_saida(_N_EX5, 3) ** 2)),
        Equivoco("janela_dilatada_na_coluna", "A coluna guarda só os pesos do núcleo, C·k·k, e "
                 "não as 5·5 posições que a janela dilatada cobre.",
                 (1, 2 * 25, tamanho_saida(_N_EX5, 3, dilation=2) ** 2)),
        Equivoco("canais_esquecidos", "Cada coluna guarda a janela de todos os canais: C·k·k.",
                 (1, 9, tamanho_saida(_N_EX5, 3, dilation=2) ** 2)),
    ],
    dica=f"a coluna tem C·k·k valores (a dilatação não muda quantos pesos há); L conta as "
         f"janelas: n_out = {_N_EX5} − d(k−1) por dimensão.",
    solucao=f"(1, 2·3·3, 5·5) = (1, 18, 25): cada janela dilatada alcança 5 posições, então há "
            f"{_N_EX5} − 5 + 1 = 5 por dimensão.")
