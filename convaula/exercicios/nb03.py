"""Perguntas conferidas do notebook 03 (preenchimento, passo e dilatação).

q1 a q6 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..formulas import padding_same, tamanho_saida
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Inteiro, Tensor, Tupla

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

_PASSO, _DESLOCAMENTO = 2, 2
q6 = Pergunta(
    "03", "q6", "Numa convolução com stride=2 e preenchimento circular, a entrada anda 2 pixels "
    "para a direita. Quantos pixels anda a saída?", Inteiro(), _DESLOCAMENTO // _PASSO,
    equivocos=[
        Equivoco("passo_ignorado", "A saída tem metade das posições (stride=2): 2 pixels da "
                 "entrada correspondem a 1 posição da saída.", _DESLOCAMENTO),
        Equivoco("nao_equivariante", "Com preenchimento circular e um deslocamento múltiplo do "
                 "passo a saída anda, exatamente: é o deslocamento de 1 pixel que não tem para "
                 "onde ir.", 0),
    ],
    dica="cada posição da saída corresponde a stride = 2 pixels da entrada.",
    solucao="2 / stride = 1 pixel; a tabela mostra erro zero para esse caso e erro grande para "
            "um deslocamento de 1 pixel.")

# --------------------------------------------------------------------------------------------
# Exercícios do fim
# --------------------------------------------------------------------------------------------

ex1 = prontas.tamanho_conv(
    "03", "ex1", "n = 32, k = 5, p = 2, s = 2: qual é n_out?", 32, 5, stride=2, padding=2)

ex2 = Pergunta(
    "03", "ex2", "Que padding (de cada lado) mantém o tamanho com k = 7 e d = 3 (s = 1)?",
    Inteiro(), padding_same(7, 3)[0],
    equivocos=[
        Equivoco("dilatacao_ignorada", "Esse é o preenchimento do núcleo sem dilatação. Com d = 3 "
                 "o núcleo alcança d(k−1) + 1 posições, e é isso que o preenchimento compensa.",
                 (7 - 1) // 2),
        Equivoco("total_nos_dois_lados", "Esse é o preenchimento total, d(k−1). O padding do "
                 "PyTorch vale para cada lado: divida por 2.", 3 * (7 - 1)),
    ],
    dica="com s = 1 o tamanho se mantém quando o preenchimento total é d(k−1); padding=p põe p "
         "zeros de cada lado.",
    solucao="total d(k−1) = 3·6 = 18, par: p = 9 de cada lado (padding_same(7, 3) = (9, 9)).")

_CAMADAS_224 = 5


def _cinco_camadas(s: int, p: int) -> list[int]:
    """Tamanhos depois de cada uma das cinco camadas k = 3 (levanta ValueError se impossível)."""
    tamanhos = [224]
    for _ in range(_CAMADAS_224):
        tamanhos.append(tamanho_saida(tamanhos[-1], 3, stride=s, padding=p))
    return tamanhos


def _chega_a(valor: tuple[int, int], alvo: int) -> bool:
    try:
        return _cinco_camadas(*valor)[-1] == alvo
    except (ValueError, TypeError):
        return False


def _explicar_224(valor: tuple[int, int]) -> str:
    try:
        caminho = " → ".join(map(str, _cinco_camadas(*valor)))
    except ValueError as erro:
        return f"Com stride={valor[0]}, padding={valor[1]} o PyTorch recusaria a camada: {erro}."
    return f"Com stride={valor[0]}, padding={valor[1]} os tamanhos seriam {caminho}."


ex3 = Pergunta(
    "03", "ex3", "Cinco camadas iguais com k = 3 levam 224 a 7: qual (stride, padding) usar?",
    Tupla(2), (2, 1), aceitar=lambda v: _chega_a(v, 7), explicar=_explicar_224,
    equivocos=[
        Equivoco("sem_preenchimento", "Sem preenchimento cada camada com k = 3 perde uma posição "
                 "a mais antes de dividir: 224 → 111 → 55... O preenchimento certo faz cada "
                 "camada dividir o tamanho exatamente por 2.", (2, 0),
                 predicado=lambda v: v[0] == 2 and v[1] == 0),
        Equivoco("fator_total_numa_camada", "224/7 = 32 é a redução das cinco camadas juntas; "
                 "cada uma precisa reduzir só uma parte (e as cinco partes se multiplicam).",
                 (32, 1), predicado=lambda v: v[0] == 32),
    ],
    dica="224/7 = 32 = 2⁵: cada camada deve dividir o tamanho por 2. Com s = 2 e k = 3, qual "
         "p faz ⌊(n + 2p − 3)/2⌋ + 1 = n/2 para n par?",
    solucao="stride=2 e padding=1: ⌊(n + 2 − 3)/2⌋ + 1 = n/2 para n par, e 224 → 112 → 56 → 28 → "
            "14 → 7.")

def _zeros(n: int) -> str:
    return f"{n} zero" if abs(n) == 1 else f"{n} zeros"


def _explicar_pad(antes: int, depois: int) -> str:
    """Uma frase sobre um (antes, depois) errado que não contradiz a si mesma."""
    total = antes + depois
    if total == 5:
        return (f"O total, {_zeros(total)}, está certo, mas a divisão não: com {_zeros(antes)} "
                f"antes e {_zeros(depois)} depois a saída fica deslocada em relação à de "
                f"padding='same', que divide o total o mais igual possível entre os lados.")
    return (f"Com {_zeros(antes)} antes e {_zeros(depois)} depois, o preenchimento total é "
            f"{total}; para manter o tamanho com k = 6 ele precisa ser 5.")


ex4 = Pergunta(
    "03", "ex4", "Núcleo par k = 6 (s = 1): que F.pad (antes, depois) mantém o tamanho como "
    "padding='same'?", Tupla(2), padding_same(6),
    explicar=lambda v: _explicar_pad(*v),
    equivocos=[
        Equivoco("metade_de_k_nos_dois_lados", "Com k/2 de cada lado o preenchimento total é k, "
                 "um a mais que o necessário, k − 1: a saída cresce uma posição.", (3, 3)),
        Equivoco("piso_nos_dois_lados", "Com ⌊(k−1)/2⌋ de cada lado falta um zero: o total "
                 "precisa ser k − 1, que é ímpar quando k é par.", (2, 2)),
        Equivoco("lados_trocados", "O tamanho está certo, mas o PyTorch põe o zero a mais no "
                 "fim (depois), não no começo.", (3, 2)),
    ],
    dica="o total tem de ser d(k−1) = 5, ímpar: um lado recebe um zero a mais. Qual lado o "
         "padding='same' do PyTorch escolhe?",
    solucao="total 5 = 2 + 3, com o zero extra depois: F.pad(x, (2, 3)), o mesmo que "
            "padding_same(6) e padding='same'.")

RESNET18_INICIO = [(7, 2, 1), (3, 2, 1)] + [(3, 1, 1)] * 4

ex5 = prontas.campo_receptivo(
    "03", "ex5", "Início da ResNet-18: conv 7×7 passo 2, max-pool 3×3 passo 2 e quatro conv 3×3 "
    "passo 1. Qual o campo receptivo?", RESNET18_INICIO)
