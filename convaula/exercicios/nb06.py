"""Perguntas conferidas do notebook 06 (Convoluções separáveis).

q1 a q4 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim
(ex1, ex2 e ex4 são de projeto e transferência: um detector de bordas para a foto, a melhor
aproximação de posto 1 de um filtro "aprendido" e quando a divisão da SVD compensa).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from . import equivocos as eq
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Alternativa, Inteiro, Real, Tensor

_SOBEL_Y = torch.outer(torch.tensor([1., 0., -1.]), torch.tensor([1., 2., 1.]))

q1 = Pergunta(
    "06", "q1", "Imagem escura à esquerda e clara à direita: a saída de F.conv2d com S_x na borda "
    "é 'positiva' ou 'negativa'?", Alternativa("positiva", "negativa"), "negativa",
    equivocos=[
        Equivoco("derivada_sem_inverter", "Essa seria a resposta da convolução verdadeira. "
                 "F.conv2d não inverte o núcleo: [1, 0, -1] faz esquerda menos direita, a "
                 "derivada com o sinal trocado (como no notebook 01).", "positiva"),
    ],
    dica="multiplique a linha [1, 0, -1] pela janela [0, ?, 1] de uma linha da imagem.",
    solucao="cada linha dá 1·0 + 0 + (−1)·1 = −1; com os pesos 1, 2, 1 da coluna, −4.")

q2 = Pergunta(
    "06", "q2", "Aplicando primeiro a linha 1×3 e depois a coluna 3×1, o resultado muda? "
    "Responda 'sim' ou 'não'.", Alternativa("sim", "não"), "não",
    equivocos=[
        Equivoco("linear_nao_comuta", "Boa desconfiança: aplicações lineares em geral não comutam, "
                 "e nem duas convoluções com preenchimento de zeros comutam sempre (a borda "
                 "atrapalha). Mas estas agem em eixos separados: a linha 1×3 mexe só dentro de cada "
                 "linha, a coluna 3×1 só dentro de cada coluna, e a ordem não importa.", "sim"),
    ],
    dica="a linha 1×3 combina vizinhos da mesma linha; a coluna 3×1, vizinhos da mesma coluna. "
         "Uma atrapalha a outra, mesmo na borda?",
    solucao="não muda: cada uma age num eixo (a linha só dentro de cada linha, a coluna só dentro de "
            "cada coluna), então a ordem não importa, nem na borda. Duas convoluções quaisquer "
            "comutam sem borda (cheias ou circulares, a ∗ b = b ∗ a), mas com preenchimento de "
            "zeros em geral não.")

_LAPLACIANO = torch.tensor([[0., 1., 0.], [1., -4., 1.], [0., 1., 0.]])
q3 = Pergunta(
    "06", "q3", "Qual o posto do laplaciano [[0, 1, 0], [1, -4, 1], [0, 1, 0]]?", Inteiro(),
    int(torch.linalg.matrix_rank(_LAPLACIANO)),
    equivocos=[
        Equivoco("parece_separavel", "Posto 1 seria separável: todas as linhas múltiplas de uma "
                 "só. Aqui [0, 1, 0] e [1, -4, 1] não são múltiplas uma da outra.", 1),
        Equivoco("posto_cheio", "A primeira e a última linha são iguais: o posto não pode ser 3.", 3),
    ],
    dica="quantas linhas linearmente independentes o núcleo tem?",
    solucao="2: as linhas [0, 1, 0] e [1, -4, 1] são independentes e a terceira repete a primeira.")

_K, _CIN, _COUT = 3, 32, 64
_RAZAO = _K * _K * _CIN * _COUT / (_K * _K * _CIN + _CIN * _COUT)
q4 = Pergunta(
    "06", "q4", "Com k = 3, C_in = 32 e C_out = 64, quantas vezes a convolução comum tem mais "
    "parâmetros que o bloco separável (sem viés)?", Real(rtol=5e-3), _RAZAO,
    equivocos=[
        Equivoco("limite_k2", "k² = 9 é o limite da razão quando C_out é muito grande; com "
                 "C_out = 64 ela é 1 / (1/C_out + 1/k²).", float(_K * _K)),
        Equivoco("razao_invertida", "Razão invertida: a pergunta é comum / bloco, maior que 1.",
                 1 / _RAZAO),
    ],
    dica="comum: k²·C_in·C_out; bloco: k²·C_in + C_in·C_out.",
    solucao=f"18432 / 2336 = {_RAZAO:.2f} = 1 / (1/64 + 1/9).")

# Exercícios


def _degrau(vertical: bool) -> torch.Tensor:
    img = torch.zeros(1, 1, 7, 7, dtype=torch.float64)
    if vertical:
        img[..., 4:, :] = 1.0      # escuro em cima, claro embaixo
    else:
        img[..., :, 4:] = 1.0      # escuro à esquerda, claro à direita
    return img


def _nucleo_3x3(k: torch.Tensor):
    """O núcleo 3×3 de uma resposta (3, 3), (1, 3, 3) ou (1, 1, 3, 3), ou ``None``."""
    if k.shape in ((3, 3), (1, 3, 3), (1, 1, 3, 3)):
        return k.reshape(3, 3)
    return None


def _igual_3x3(k: torch.Tensor, referencia: torch.Tensor) -> bool:
    nucleo = _nucleo_3x3(k)
    return nucleo is not None and torch.allclose(nucleo, referencia.double(), rtol=1e-4, atol=1e-4)


#: ex1: "zero" quer dizer abaixo de TOL_ZERO vezes a soma dos |pesos|; "positiva", acima de 10 %.
TOL_ZERO = 1e-6


def _detecta_borda_horizontal(k: torch.Tensor) -> bool:
    k = _nucleo_3x3(k)
    if k is None:
        return False
    constante = F.conv2d(torch.ones(1, 1, 5, 5, dtype=torch.float64), k[None, None])
    de_cima = F.conv2d(_degrau(True), k[None, None])
    de_lado = F.conv2d(_degrau(False), k[None, None])
    escala = k.abs().sum()
    return bool(escala > 0 and constante.abs().max() < TOL_ZERO * escala and de_cima.max() > 0.1 * escala
                and de_cima.min() > -TOL_ZERO * escala and de_lado.abs().max() < TOL_ZERO * escala)


ex1 = Pergunta(
    "06", "ex1", "Projete um núcleo 3×3 que, com F.conv2d, dê saída POSITIVA onde a foto passa de "
    "escuro (em cima) para claro (embaixo), zero em regiões constantes e zero em bordas verticais.",
    Tensor(), -_SOBEL_Y,
    equivocos=[
        Equivoco("sinal_trocado", "Esse é S_y como na fórmula: com a correlação cruzada ele faz "
                 "cima menos baixo, negativo nessa borda. Inverta o núcleo (ou o sinal).", _SOBEL_Y,
                 predicado=lambda k: _igual_3x3(k, _SOBEL_Y)),
        Equivoco("direcao_trocada", "Esse núcleo detecta bordas VERTICAIS (variação da esquerda "
                 "para a direita); a pergunta pede a variação de cima para baixo.",
                 -_SOBEL_Y.T, predicado=lambda k: _igual_3x3(k, -_SOBEL_Y.T) or _igual_3x3(k, _SOBEL_Y.T)),
    ],
    dica="uma linha de pesos negativos em cima, uma de positivos embaixo, somando zero. Vale o "
         "núcleo (3, 3) ou o peso (1, 1, 3, 3) de F.conv2d; \"zero\" quer dizer menos de 1e-6 vezes "
         "a soma dos |pesos|.",
    solucao="−S_y = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]] (qualquer núcleo com linha de cima "
            "negativa, de baixo positiva, colunas iguais e soma zero também serve).",
    aceitar=_detecta_borda_horizontal)


def _filtro_aprendido() -> torch.Tensor:
    g = torch.Generator().manual_seed(6)
    base = torch.outer(torch.tensor([1., 4., 6., 4., 1.]), torch.tensor([-1., -2., 0., 2., 1.])) / 16
    return base + 0.05 * torch.randn(5, 5, generator=g)


FILTRO_APRENDIDO = _filtro_aprendido()
_U, _S, _VH = torch.linalg.svd(FILTRO_APRENDIDO.double())
_POSTO1 = _S[0] * torch.outer(_U[:, 0], _VH[0])
_ERRO_OTIMO = float((FILTRO_APRENDIDO.double() - _POSTO1).norm())


def _boa_aproximacao(a: torch.Tensor) -> bool:
    if a.shape != (5, 5):
        return False
    sigma = torch.linalg.svdvals(a)
    posto_1 = bool(sigma[1] <= 1e-6 * max(float(sigma[0]), 1e-12))
    return posto_1 and float((FILTRO_APRENDIDO.double() - a).norm()) <= 1.01 * _ERRO_OTIMO


ex2 = Pergunta(
    "06", "ex2", "Dê a melhor aproximação de posto 1 (menor erro ‖K − A‖) do filtro 5×5 "
    "nb06.FILTRO_APRENDIDO.", Tensor(rtol=1e-3, atol=1e-3), _POSTO1,
    equivocos=[
        Equivoco("nao_e_posto_1", "Essa matriz não tem posto 1 (não é separável): use só o "
                 "primeiro termo da SVD, σ₁·u₁·v₁ᵀ.", FILTRO_APRENDIDO.double(),
                 predicado=lambda a: a.shape == (5, 5) and bool(
                     torch.linalg.svdvals(a)[1] > 1e-6 * max(float(torch.linalg.svdvals(a)[0]), 1e-12))),
        Equivoco("sem_sigma", "É posto 1, mas falta a escala: u₁·v₁ᵀ tem norma 1; multiplique "
                 "por σ₁.", torch.outer(_U[:, 0], _VH[0])),
    ],
    dica="pelo teorema de Eckart–Young (seção 3), o melhor posto 1 é o primeiro termo da SVD: "
         "torch.linalg.svd(K) dá U, S, Vh, e ele é S[0]·outer(U[:, 0], Vh[0]).",
    solucao=f"σ₁·u₁·v₁ᵀ (teorema de Eckart–Young); o erro é {_ERRO_OTIMO:.4f}, a norma dos "
            "outros valores singulares.",
    aceitar=_boa_aproximacao)

_N, _C, _KK, _LADO = 1, 128, 5, 32
_MULT_SOMAS = _N * _LADO * _LADO * _C * _C * _KK * _KK
ex3 = Pergunta(
    "06", "ex3", "Quantos FLOPs (2 por multiplicação-soma) gasta nn.Conv2d(128, 128, 5, padding=2, "
    "bias=False) numa entrada (1, 128, 32, 32)?", Inteiro(), 2 * _MULT_SOMAS,
    equivocos=[
        eq.flops_vs_multiplicacoes(_MULT_SOMAS, pede_flops=True),
        Equivoco("sem_c_in", "Cada saída soma sobre os C_in canais de entrada também: faltou o "
                 "fator 128.", 2 * _MULT_SOMAS // _C),
    ],
    dica="2·N·H_out·W_out·C_out·C_in·k².",
    solucao=f"2·1·32·32·128·128·25 = {2 * _MULT_SOMAS}.")

_K7 = 7
_R_MAX = max(r for r in range(1, _K7 + 1) if 2 * _K7 * r < _K7 * _K7)
ex4 = Pergunta(
    "06", "ex4", "Um núcleo 7×7 aprendido (sem zeros) tem posto r. Qual o maior r para o qual a "
    "divisão da SVD (r pares 7×1 e 1×7) usa MENOS pesos que o 7×7?", Inteiro(), _R_MAX,
    equivocos=[
        Equivoco("menor_ou_igual", "Com esse r a divisão usa 2·7·r ≥ 49 pesos: não é menos. A "
                 "condição é 2kr < k², r < k/2.", _R_MAX + 1),
        Equivoco("posto_maximo", "Posto 7 é o máximo possível, mas aí a SVD usa 2·7·7 = 98 pesos, "
                 "o dobro do 7×7.", _K7),
    ],
    dica="compare 2·k·r com k² para k = 7.",
    solucao=f"2·7·r < 49 ⇔ r < 3,5: r = {_R_MAX} (42 pesos contra 49).")

ex5 = prontas.forma_pesos("06", "ex5", "Qual a forma do peso de nn.Conv2d(16, 32, 3, groups=16) "
                          "(multiplicador de profundidade 2)?", 16, 32, 3, groups=16)
