"""Perguntas conferidas do notebook 02 (Canais).

q1 a q4 são os "Preveja, depois confira" da lição; ex1 a ex6, os exercícios do fim
(ex3, ex4 e ex5 são de projeto e transferência: pesos para a foto e escolhas de ``groups``;
ex6 é de código: a convolução 2D com vários canais escrita à mão).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..reais import LUMINANCIA
from . import equivocos as eq
from . import prontas
from .base import Equivoco, Pergunta
from .codigo import Codigo
from .tipos import Inteiro, Tensor, Tupla

q1 = Pergunta(
    "02", "q1", "Qual a forma do peso de nn.Conv1d(4, 5, 3, padding=1)?", Tupla(3), (5, 4, 3),
    equivocos=[
        Equivoco("pesos_cin_cout", "Os eixos dos canais estão trocados: o peso tem forma "
                 "(C_out, C_in, k), um filtro por canal de saída.", (4, 5, 3)),
        Equivoco("forma_da_saida", "Essa é a forma da saída (N, C_out, n); a pergunta é a do "
                 "peso, (C_out, C_in, k).", (1, 5, 7)),
    ],
    dica="um filtro por canal de saída; cada filtro tem uma linha de k pesos por canal de entrada.",
    solucao="(C_out, C_in, k) = (5, 4, 3); a saída, com padding=1, tem forma (1, 5, 7).")

q2 = prontas.numero_parametros("02", "q2", "Quantos parâmetros tem nn.Conv2d(3, 16, 5)?", 3, 16, 5)

q3 = prontas.numero_parametros("02", "q3", "Quantos pesos (sem viés) tem "
                               "nn.Conv2d(4, 4, 3, groups=4)?", 4, 4, 3, groups=4, bias=False)

q4 = prontas.forma_pesos("02", "q4", "Qual a forma do peso da convolução 1×1 que converte RGB "
                         "em tons de cinza, nn.Conv2d(3, 1, 1)?", 3, 1, 1)

# Exercícios

ex1 = prontas.numero_parametros("02", "ex1", "Quantos parâmetros tem nn.Conv2d(3, 64, 3)?",
                                3, 64, 3)

_X = torch.stack([torch.arange(9.).reshape(3, 3), torch.arange(1., 10.).reshape(3, 3)])
_K = torch.tensor([[[0., 1.], [2., 3.]], [[1., 2.], [3., 4.]]])
# A lição mostra a saída [[56, 72], [104, 120]]; o exercício pede o canto inferior direito com
# as fatias do filtro TROCADAS (K1 no canal 0, K0 no canal 1), um valor que a página não mostra.
_K_TROCADO = _K.flip(0)
_POR_CANAL = [int(F.conv2d(_X[c][None, None], _K_TROCADO[c][None, None])[0, 0, 1, 1])
              for c in range(2)]
_SEM_TROCAR = int(F.conv2d(_X[None], _K[None])[0, 0, 1, 1])
ex2 = Pergunta(
    "02", "ex2", "No exemplo 2D com X0, X1, troque as fatias do filtro (K1 no canal 0, K0 no "
    "canal 1): quanto vale a saída do canto inferior direito?", Inteiro(), sum(_POR_CANAL),
    equivocos=[
        Equivoco("sem_trocar", "Esse é o valor com as fatias na ordem original (K0 no canal 0), "
                 "o que a seção 2 mostra; troque: X0 com K1 e X1 com K0.", _SEM_TROCAR),
        Equivoco("so_canal_0", "Essa é só a contribuição do canal 0 (janela [[4, 5], [7, 8]] de "
                 "X0 com K1); some a do canal 1 (janela [[5, 6], [8, 9]] de X1 com K0).",
                 _POR_CANAL[0]),
        Equivoco("so_canal_1", "Essa é só a contribuição do canal 1 (janela [[5, 6], [8, 9]] de "
                 "X1 com K0); some a do canal 0 (janela [[4, 5], [7, 8]] de X0 com K1).",
                 _POR_CANAL[1]),
    ],
    dica="a janela do canto inferior direito é [[4, 5], [7, 8]] em X0 e [[5, 6], [8, 9]] em X1; "
         "agora X0 encontra K1 = [[1, 2], [3, 4]] e X1 encontra K0 = [[0, 1], [2, 3]].",
    solucao=f"(1·4 + 2·5 + 3·7 + 4·8) + (0·5 + 1·6 + 2·8 + 3·9) = {_POR_CANAL[0]} + "
            f"{_POR_CANAL[1]} = {sum(_POR_CANAL)}. Confira: F.conv2d(X, K.flip(1)).")

_BGR = torch.eye(3).flip(0).reshape(3, 3, 1, 1)


def _e_bgr(peso: torch.Tensor) -> bool:
    return peso.numel() == 9 and torch.allclose(peso.reshape(3, 3), _BGR.reshape(3, 3).double())


ex3 = Pergunta(
    "02", "ex3", "Projete o peso (3, 3, 1, 1) de nn.Conv2d(3, 3, 1, bias=False) que troca a ordem "
    "dos canais de RGB para BGR (a ordem do OpenCV).", Tensor(), _BGR,
    equivocos=[
        Equivoco("identidade", "Esse peso copia cada canal no mesmo lugar: a foto sai igual. A "
                 "linha o do peso diz de que canal de entrada vem o canal de saída o.",
                 torch.eye(3).reshape(3, 3, 1, 1)),
        Equivoco("luminancia", "Esses são pesos de tons de cinza: eles MISTURAM os canais. Para "
                 "só reordenar, cada linha tem um único 1.",
                 torch.tensor(LUMINANCIA).repeat(3, 1).reshape(3, 3, 1, 1)),
    ],
    dica="a saída 0 (azul, em BGR) deve copiar a entrada 2; cada linha do peso tem um único 1.",
    solucao="peso[o, c] = 1 quando c = 2 − o: [[0, 0, 1], [0, 1, 0], [1, 0, 0]] com forma "
            "(3, 3, 1, 1); a forma (3, 3) com os mesmos valores também é aceita.",
    aceitar=_e_bgr)

_C_IN, _C_OUT = 6, 9
_MAIOR = max(g for g in range(1, _C_IN + 1) if _C_IN % g == 0 and _C_OUT % g == 0)
ex4 = Pergunta(
    "02", "ex4", "Qual o maior groups que nn.Conv2d(6, 9, 3, groups=...) aceita?", Inteiro(),
    _MAIOR,
    equivocos=[
        Equivoco("so_c_in", "6 divide C_in, mas não C_out = 9: groups precisa dividir os DOIS "
                 "números de canais.", _C_IN),
        Equivoco("so_c_out", "9 divide C_out, mas não C_in = 6: groups precisa dividir os DOIS "
                 "números de canais.", _C_OUT),
        eq.grupos_nao_dividem(_C_IN, _C_OUT),
    ],
    dica="procure o maior divisor comum de 6 e 9.",
    solucao=f"groups divide 6 e 9: os divisores comuns são 1 e {_MAIOR}; o maior é {_MAIOR}.")

ex5 = Pergunta(
    "02", "ex5", "Em nn.Conv1d(4, 4, 3, groups=2), mudamos só os canais de entrada 2 e 3. Quais "
    "canais de saída mudam? Responda (primeiro, último).", Tupla(2), (2, 3),
    equivocos=[
        Equivoco("grupo_errado", "Esses canais de saída vêm do PRIMEIRO grupo, que só lê as "
                 "entradas 0 e 1; as entradas 2 e 3 alimentam o segundo grupo.", (0, 1)),
        Equivoco("todos", "Com groups=2 nada se mistura entre os grupos: nem todas as saídas "
                 "mudam.", (0, 3)),
    ],
    dica="com groups=2, as saídas 0 e 1 leem as entradas 0 e 1; as saídas 2 e 3, as entradas 2 e 3.",
    solucao="(2, 3): só o segundo grupo de saídas lê os canais de entrada 2 e 3.")


def conv2d_canais_a_mao(x, w, b):
    C_out, C_in, kh, kw = w.shape
    H_out, W_out = x.shape[1] - kh + 1, x.shape[2] - kw + 1   # sem preenchimento, passo 1
    y = torch.zeros(C_out, H_out, W_out)
    for o in range(C_out):                          # um filtro por canal de saída
        for i in range(H_out):
            for j in range(W_out):
                janela = x[:, i:i + kh, j:j + kw]   # (C_in, kh, kw): a janela de todos os canais
                y[o, i, j] = (janela * w[o]).sum() + b[o]  # soma sobre canais e posições, + viés
    return y


def _conv2d_torch(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Oráculo: ``F.conv2d`` com um lote de uma imagem só."""
    return F.conv2d(x[None], w, b)[0]


def _casos_canais(gerador: torch.Generator) -> list:
    def inteiros(*forma: int) -> torch.Tensor:
        return torch.randint(-3, 4, forma, generator=gerador).float()

    casos = [(_X, _K[None], torch.tensor([1.]))]  # o exemplo 2D da lição, com viés 1
    for _ in range(6):
        c_in, c_out = (int(v) for v in torch.randint(1, 4, (2,), generator=gerador))
        h, w = (int(v) for v in torch.randint(2, 6, (2,), generator=gerador))
        kh = int(torch.randint(1, h + 1, (1,), generator=gerador))
        kw = int(torch.randint(1, w + 1, (1,), generator=gerador))
        casos.append((inteiros(c_in, h, w), inteiros(c_out, c_in, kh, kw), inteiros(c_out)))
    return casos


ex6 = Pergunta(
    "02", "ex6", "Escreva conv2d_canais_a_mao(x, w, b) para x (C_in, H, W), w (C_out, C_in, kh, "
    "kw) e b (C_out,), sem preenchimento e passo 1: o mesmo que F.conv2d(x[None], w, b)[0].",
    Codigo(_conv2d_torch, _casos_canais, ("x", "w", "b")), conv2d_canais_a_mao,
    equivocos=[
        Equivoco("vies_esquecido", "Faltou o viés: o canal de saída o soma b[o] a todas as suas "
                 "posições.", lambda x, w, b: conv2d_canais_a_mao(x, w, torch.zeros_like(b))),
        Equivoco("so_canal_0", "Sua função só usa o canal de entrada 0. Cada filtro tem uma fatia "
                 "por canal de entrada, e a saída soma janela × fatia sobre TODOS os canais: "
                 "(x[:, i:i+kh, j:j+kw] * w[o]).sum().",
                 lambda x, w, b: conv2d_canais_a_mao(x[:1], w[:, :1], b)),
        Equivoco("nucleo_invertido", "Sua função gira o núcleo 180° (a convolução da "
                 "matemática). O F.conv2d calcula a correlação cruzada: usa w como está.",
                 lambda x, w, b: conv2d_canais_a_mao(x, w.flip(-2, -1), b)),
    ],
    dica="a saída tem forma (C_out, H − kh + 1, W − kw + 1); em cada posição (i, j) e para cada "
         "canal de saída o, some x[:, i:i+kh, j:j+kw] * w[o] (todos os canais) e acrescente b[o].",
    solucao="três laços, sobre o canal de saída o e a posição (i, j): a janela de todos os canais "
            "de entrada vezes o filtro w[o], somada, mais o viés b[o]. No exemplo 2D da lição, "
            f"com viés 1: {_conv2d_torch(_X, _K[None], torch.tensor([1.])).int().tolist()}.")
