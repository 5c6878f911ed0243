"""Perguntas conferidas do notebook 03 (preenchimento, passo e dilatação).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Equivoco, Pergunta
from .tipos import Tensor
from . import prontas

_X = torch.tensor([5., 4., 8., 7., 9., 3., 6.]).reshape(1, 1, 7)
_W = torch.tensor([1., 2., 3.]).reshape(1, 1, 3)


def _conv(**kwargs) -> torch.Tensor:
    return F.conv1d(_X, _W, **kwargs).flatten()


q1 = prontas.tamanho_conv(
    "03", "q1", "Com x de 7 valores, k = 3, padding=1 e stride=2: quantos valores tem a saída?",
    7, 3, stride=2, padding=1)

q2 = Pergunta(
    "03", "q2", "Quais são os valores da saída de F.conv1d(x, w, padding=1, stride=2)?",
    Tensor(), _conv(padding=1, stride=2),
    equivocos=[
        Equivoco("padding_ignorado", "Esses são os valores sem preenchimento. Com padding=1 a "
                 "janela começa no zero acrescentado à esquerda.", _conv(stride=2)),
        Equivoco("passo_ignorado", "Essa é a saída com passo 1. Com stride=2 só sobra uma "
                 "posição sim, outra não, começando pela primeira.", _conv(padding=1)),
        Equivoco("nucleo_invertido", "Você inverteu o núcleo (a convolução dos livros de "
                 "sinais). O F.conv1d do PyTorch não inverte: y[t] = Σ w[j]·x[t·s + j − p].",
                 F.conv1d(_X, _W.flip(-1), padding=1, stride=2).flatten()),
    ],
    dica="preencha x com um zero de cada lado, [0, 5, 4, 8, 7, 9, 3, 6, 0], e aplique w = [1, 2, 3] "
         "nas janelas que começam nas posições 0, 2, 4 e 6.",
    solucao="com padding=1 a saída de passo 1 é [22, 37, 41, 49, 34, 33, 15]; o passo 2 fica "
            "com as posições 0, 2, 4 e 6.")

q3 = prontas.tamanho_conv(
    "03", "q3", "Entrada 8×8, k = (3, 5), p = (0, 1), s = (3, 4): qual o tamanho (altura, largura) "
    "da saída?", (8, 8), (3, 5), stride=(3, 4), padding=(0, 1))

_SEM_DILATACAO = [(3, 1, 1)] * 3
_COM_DILATACAO = [(3, 1, 1), (3, 1, 2), (3, 1, 4)]

q4 = prontas.campo_receptivo(
    "03", "q4", "Três convoluções k = 3, d = 1: quantas entradas têm gradiente não nulo?",
    _SEM_DILATACAO)

q5 = prontas.campo_receptivo(
    "03", "q5", "Três convoluções k = 3 com d = 1, 2, 4: quantas entradas têm gradiente não nulo?",
    _COM_DILATACAO)
