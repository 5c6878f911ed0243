"""Perguntas conferidas do notebook 07 (subamostragem e campo receptivo).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
Todas as respostas de referência são calculadas (pelo torch ou pelo pacote).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .. import formulas
from ..receptivo import campo_receptivo
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Inteiro, Tensor, Tupla

# ---------------------------------------------------------------- lição

q1 = Pergunta(
    "07", "q1", "MaxPool1d(2, stride=2, padding=1, ceil_mode=True) numa entrada de 5 valores: "
    "quantas posições tem a saída?",
    Inteiro(), formulas.tamanho_saida_pool(5, 2, 2, 1, ceil_mode=True),
    equivocos=prontas.filtrar(Inteiro(), formulas.tamanho_saida_pool(5, 2, 2, 1, ceil_mode=True), [
        Equivoco("regra_da_borda", "Esse é o teto da fórmula, mas a última janela começaria na "
                 "posição 6 da entrada preenchida, que é o zero da direita: a regra da borda "
                 "a descarta.", (5 + 2 * 1 - 2 + 2 - 1) // 2 + 1),
        Equivoco("sem_mais_um", "Faltou o + 1 da fórmula: conte também a primeira janela.",
                 -(-(5 + 2 * 1 - 2) // 2)),
    ]),
    dica="faça a conta com teto, ⌈(n + 2p − k)/s⌉ + 1, e depois confira onde começaria a última "
         "janela na entrada preenchida [0, x0, ..., x4, 0].",
    solucao="⌈(5 + 2 − 2)/2⌉ + 1 = 4 janelas começariam nas posições 0, 2, 4 e 6; a de 6 é só "
            "preenchimento e é descartada: 3.")

_MAPA = torch.tensor([[1., 3., 2., 0.], [4., 2., 1., 1.], [0., 1., 5., 2.], [2., 2., 3., 4.]])


def _gradiente_do_maior() -> int:
    x = _MAPA[None, None].clone().requires_grad_(True)
    F.max_pool2d(x, 3, stride=1).sum().backward()
    return int(x.grad[0, 0][_MAPA == _MAPA.max()].item())


q2 = Pergunta(
    "07", "q2", "F.max_pool2d(x, 3, stride=1) no mapa 4×4 da lição: qual gradiente recebe o 5?",
    Inteiro(), _gradiente_do_maior(),
    equivocos=[
        Equivoco("uma_janela_so", "Cada janela que escolhe o 5 manda um gradiente 1 para ele, e "
                 "as janelas se sobrepõem: conte em quantas das quatro janelas 3×3 ele vence.", 1),
        Equivoco("area_da_janela", "9 é o número de posições de uma janela; o gradiente conta "
                 "quantas janelas escolhem o 5 como máximo.", 9),
    ],
    dica="com k = 3 e passo 1 num mapa 4×4 há 2 × 2 = 4 janelas; o 5 está na linha 2, coluna 2.",
    solucao="o 5 está dentro das quatro janelas 3×3 e é o máximo de todas: 1 + 1 + 1 + 1 = 4.")

_LINHA = torch.zeros(1, 1, 8, 8)
_LINHA[..., 5] = 1.0
_REDUCOES = torch.tensor([F.conv2d(_LINHA, torch.ones(1, 1, 1, 1), stride=2).max().item(),
                          F.max_pool2d(_LINHA, 2).max().item(), F.avg_pool2d(_LINHA, 2).max().item()])

q3 = Pergunta(
    "07", "q3", "Linha vertical na coluna 5 de um mapa 8×8: maior valor depois de (conv 1×1 com "
    "passo 2, máximo 2×2, média 2×2)?",
    Tensor(), _REDUCOES,
    equivocos=[
        Equivoco("passo_le_tudo", "A convolução 1×1 com passo 2 lê só as colunas 0, 2, 4 e 6; a "
                 "coluna 5 nunca é lida.", torch.tensor([1.0, 1.0, 0.5])),
        Equivoco("media_sem_diluir", "A média de uma janela 2×2 com uma coluna de uns e uma de "
                 "zeros é 2/4 = 0,5, não 1.", torch.tensor([0.0, 1.0, 1.0])),
    ],
    dica="a conv 1×1 com passo 2 lê as colunas pares; cada janela 2×2 que contém a coluna 5 tem "
         "metade de uns.",
    solucao="conv com passo: 0 (a coluna ímpar é descartada); máximo: 1; média: 0,5.")

#: A LeNet-5 até C5, (k, s, d) por camada, e a variante de q4, com S2 e S4 3×3 de passo 2.
LENET_C5 = [(5, 1, 1), (2, 2, 1), (5, 1, 1), (2, 2, 1), (5, 1, 1)]
LENET_C5_SOBREPOSTA = [(5, 1, 1), (3, 2, 1), (5, 1, 1), (3, 2, 1), (5, 1, 1)]

q4 = prontas.campo_receptivo(
    "07", "q4", "Uma LeNet-5 com S2 e S4 trocadas por subamostragens 3×3 de passo 2 (janelas "
    "sobrepostas): campo receptivo de uma saída de C5?", LENET_C5_SOBREPOSTA)

q5 = prontas.tamanho_conv(
    "07", "q5", "Conv3d com kernel_size=(3, 1, 3), sem preenchimento, num vídeo (T, H, W) = "
    "(8, 12, 12): forma (T, H, W) da saída?", (8, 12, 12), (3, 1, 3))

# ---------------------------------------------------------------- exercícios

_CONV, _POOL = (3, 1, 1, 1), (2, 2, 1, 0)  # (k, s, d, p) das VGG


def _vgg(convs_por_bloco: tuple[int, ...]) -> list[tuple[int, int, int, int]]:
    return [c for n in convs_por_bloco for c in [_CONV] * n + [_POOL]]


ex1 = prontas.campo_receptivo(
    "07", "ex1", "VGG-11 (configuração A): campo receptivo depois da última subamostragem?",
    [camada[:3] for camada in _vgg((1, 1, 2, 2, 2))])


def _janelas(resposta: tuple[int, int]):
    """(número de janelas, última linha lida) de MaxPool2d(k, s) em 224, ou ``None``."""
    k, s = resposta
    try:
        saida = formulas.tamanho_saida_pool(224, k, s)
    except (ValueError, TypeError):
        return None
    return saida, (saida - 1) * s + k - 1


def _leva_a_7(resposta: tuple[int, int]) -> bool:
    """Saída 7×7 com janelas que, juntas, leem todas as 224 linhas (k ≥ s, sem sobra no fim)."""
    janelas = _janelas(resposta)
    return janelas is not None and janelas[0] == 7 and resposta[0] >= resposta[1] and janelas[1] == 223


ex2 = Pergunta(
    "07", "ex2", "Um único MaxPool2d sem preenchimento que leve 224×224 a 7×7, com janelas que "
    "juntas leiam o mapa inteiro: (kernel_size, stride)?",
    Tupla(2), (224 // 7, 224 // 7), aceitar=_leva_a_7,
    equivocos=[
        Equivoco("saida_no_lugar_da_janela", "Com janela 7 e passo 7 a saída tem "
                 f"{formulas.tamanho_saida_pool(224, 7, 7)} posições: 7 é o tamanho que "
                 "você quer na saída, não o da janela.", (7, 7)),
        Equivoco("janela_menor_que_passo", "A saída é 7×7, mas a janela é menor que o passo: entre "
                 "uma janela e a seguinte ficam s − k linhas (e colunas) que nenhuma janela lê, e o "
                 "máximo nunca as vê. Use k ≥ s.", (1, 32),
                 predicado=lambda r: _janelas(r) is not None and _janelas(r)[0] == 7 and r[0] < r[1]),
        Equivoco("sobra_no_fim", "A saída é 7×7, mas a última janela termina antes da linha 223: "
                 "as últimas linhas (e colunas) do mapa ficam de fora. Aumente a janela ou o passo.",
                 (32, 31), predicado=lambda r: _janelas(r) is not None and _janelas(r)[0] == 7
                 and r[0] >= r[1] and _janelas(r)[1] < 223),
    ],
    dica="com passo igual à janela, a saída é ⌊224/k⌋; que k dá 7? Confira que a última janela, "
         "que começa em 6·s, chega à linha 223.",
    solucao="k = s = 32: ⌊(224 − 32)/32⌋ + 1 = 7, e as 7 janelas cobrem as 224 linhas sem buraco. "
            "Outras escolhas também servem, por exemplo k = 38, s = 31 (janelas sobrepostas).")

_VGG16 = campo_receptivo(_vgg((2, 2, 3, 3, 3)))

ex3 = Pergunta(
    "07", "ex3", "VGG-16, saída de pool5: intervalo de colunas da entrada (início, fim) que a "
    "coluna 2 enxerga?",
    Tupla(2), _VGG16.intervalo(2),
    equivocos=[Equivoco("preenchimento_esquecido", "Esse seria o intervalo sem preenchimento. "
                        "Cada conv com padding=1 empurra o início p·j para a esquerda: u = −90.",
                        (2 * _VGG16.espacamento, 2 * _VGG16.espacamento + _VGG16.campo - 1))],
    dica="use u = −Σ pℓ·jℓ₋₁, j = 32 e r = 212: a coluna i começa em u + i·j.",
    solucao=f"u = {_VGG16.inicio}, j = {_VGG16.espacamento}, r = {_VGG16.campo}: "
            f"[u + 2j, u + 2j + r − 1] = {_VGG16.intervalo(2)}.")

ex4 = prontas.numero_parametros(
    "07", "ex4", "Conv2d(128, 128, 3, stride=2, padding=1) no lugar de MaxPool2d(2): quantos "
    "parâmetros a troca acrescenta?", 128, 128, 3)

ex5 = Pergunta(
    "07", "ex5", "Mapa 7×7×512, subamostragem global e depois Linear para 1000 classes (com viés): "
    "quantos parâmetros tem a densa?",
    Inteiro(), 512 * 1000 + 1000,
    equivocos=[
        Equivoco("achatou", "Esse é o número sem a subamostragem global (o mapa achatado tem "
                 "7·7·512 entradas). Depois dela, sobram 512.", 7 * 7 * 512 * 1000 + 1000),
        Equivoco("sem_vies", "Faltou o viés: um por classe.", 512 * 1000),
    ],
    dica="a subamostragem global deixa um número por canal; a densa tem entradas × saídas pesos "
         "mais um viés por saída.",
    solucao=f"512·1000 + 1000 = {512 * 1000 + 1000} (sem a subamostragem global seriam "
            f"{7 * 7 * 512 * 1000 + 1000}).")
