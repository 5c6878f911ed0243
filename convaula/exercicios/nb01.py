"""Perguntas conferidas do notebook 01 (Convolução 1D).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex6, os exercícios do fim
(ex2, ex3 e ex5 são de projeto: um núcleo ou uma escolha que o aluno desenha; ex6 é de
código: a convolução 1D escrita à mão).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..propriedades import PADDING_MODES, compor_nucleos
from . import prontas
from .base import Equivoco, Pergunta
from .codigo import Codigo
from .tipos import Alternativa, Inteiro, Tensor, Tupla

# O exemplo da lição: x = [5, 4, 8, 7, 9, 3, 6], w = [1, 2, 3].
_X = torch.tensor([5., 4., 8., 7., 9., 3., 6.]).reshape(1, 1, 7)
_W = torch.tensor([1., 2., 3.]).reshape(1, 1, 3)


def _pontas(peso: torch.Tensor, vies: float, padding: int) -> tuple[int, int]:
    saida = F.conv1d(_X, peso, torch.tensor([vies]), padding=padding).flatten()
    return int(saida[0]), int(saida[-1])


q1 = prontas.tamanho_conv("01", "q1", "Sem preenchimento, quantos valores tem a saída de x "
                          "(n = 7) com w (k = 3)?", 7, 3)

q2 = Pergunta(
    "01", "q2", "Com peso [1, 2, 3], viés 5 e padding=1, quais são o primeiro e o último valor "
    "da saída? Responda (primeiro, último).", Tupla(2), _pontas(_W, 5.0, 1),
    equivocos=[
        Equivoco("vies_esquecido", "Faltou o viés: ele soma 5 a todas as posições da saída.",
                 _pontas(_W, 0.0, 1)),
        Equivoco("sem_preenchimento", "Esses são o primeiro e o último valor SEM preenchimento; "
                 "com padding=1 há um zero em cada ponta, e a primeira janela é [0, 5, 4].",
                 _pontas(_W, 5.0, 0)),
        Equivoco("nucleo_invertido", "Você inverteu o núcleo (a convolução da matemática); "
                 "F.conv1d e nn.Conv1d calculam a correlação cruzada, sem inverter.",
                 _pontas(_W.flip(-1), 5.0, 1)),
    ],
    dica="com padding=1 a primeira janela é [0, 5, 4] e a última [3, 6, 0]; some o viés.",
    solucao="1·0 + 2·5 + 3·4 + 5 = 27 e 1·3 + 2·6 + 3·0 + 5 = 20.")

q3 = Pergunta(
    "01", "q3", "Com F.conv1d e o núcleo [1, 0, -1]/2, num dia em que o preço sobe, a saída é "
    "'positiva' ou 'negativa'?", Alternativa("positiva", "negativa"), "negativa",
    equivocos=[
        Equivoco("derivada_sem_inverter", "Essa seria a resposta da convolução verdadeira, que "
                 "inverte o núcleo. F.conv1d não inverte: calcula (x[i-1] − x[i+1])/2, a "
                 "derivada com o sinal trocado.", "positiva"),
    ],
    dica="escreva a janela x[i-1], x[i], x[i+1] vezes [1, 0, -1]/2, sem inverter o núcleo.",
    solucao="sem inverter, a saída é (x[i-1] − x[i+1])/2: negativa quando o preço sobe.")

_K_MEDIA, _P_MEDIA = 5, 2   # a média móvel de 5 pregões com padding=2 (seção 9.2)
q4 = Pergunta(
    "01", "q4", "Na média móvel de 5 pregões com padding=2 (zeros), quantas saídas, em CADA ponta "
    "da série, têm algum zero do preenchimento dentro da janela?", Inteiro(), _P_MEDIA,
    equivocos=[
        Equivoco("janela_inteira", "A janela tem 5 posições, mas só as que começam no "
                 "preenchimento enxergam zeros: as janelas [0, 0, x0, x1, x2] e [0, x0, x1, x2, "
                 "x3]; a terceira, [x0, ..., x4], já está toda dentro do sinal.", _K_MEDIA),
        Equivoco("duas_pontas", "Essa é a soma das duas pontas (2 + 2); a pergunta é por ponta.",
                 2 * _P_MEDIA),
        Equivoco("so_a_primeira", "A segunda janela também começa no preenchimento: "
                 "[0, x0, x1, x2, x3] tem um zero.", 1),
    ],
    dica="escreva as primeiras janelas do sinal preenchido [0, 0, x0, x1, x2, ...]: quais têm zeros?",
    solucao="com p = 2 zeros de cada lado, as 2 primeiras e as 2 últimas janelas enxergam "
            "zeros; são essas saídas (mais as da costura do deslocamento circular) que não "
            "acompanham o deslocamento.")

_K1, _K2 = 3, 3
q5 = Pergunta(
    "01", "q5", "A média móvel de 3 seguida da derivada [1, 0, -1]/2 (sem preenchimento) é uma "
    "convolução só. Quantos pesos tem o núcleo dela?", Inteiro(), _K1 + _K2 - 1,
    equivocos=[
        Equivoco("mesmo_tamanho", "O núcleo composto cresce: cada saída final depende de "
                 "k1 + k2 − 1 entradas, não de 3.", _K1),
        Equivoco("soma_sem_menos_um", "Quase: as duas janelas se sobrepõem em uma posição, então "
                 "são k1 + k2 − 1, não k1 + k2.", _K1 + _K2),
        Equivoco("produto", "Os tamanhos não se multiplicam: o núcleo composto tem "
                 "k1 + k2 − 1 pesos.", _K1 * _K2),
    ],
    dica="quantas entradas uma saída da segunda convolução enxerga, passando pela primeira?",
    solucao="k1 + k2 − 1 = 3 + 3 − 1 = 5 (é o campo receptivo das duas camadas).")

# Exercícios

ex1 = prontas.tamanho_conv("01", "ex1", "Sinal com n = 12, núcleo com k = 4, sem preenchimento: "
                           "quantos valores tem a saída?", 12, 4)

_DIFERENCA = torch.tensor([-1., 1.])
ex2 = Pergunta(
    "01", "ex2", "Projete um núcleo de 2 pesos para F.conv1d que dê a variação diária do preço, "
    "y[i] = x[i+1] − x[i].", Tensor(), _DIFERENCA,
    equivocos=[
        Equivoco("sinal_trocado", "Esse núcleo dá x[i] − x[i+1], a variação com o sinal trocado: "
                 "F.conv1d não inverte o núcleo (correlação cruzada), então o peso de x[i+1] "
                 "é o segundo.", _DIFERENCA.flip(0)),
    ],
    dica="y[i] = w[0]·x[i] + w[1]·x[i+1]; iguale a x[i+1] − x[i].",
    solucao="w = [-1, 1]: y[i] = −x[i] + x[i+1]. Confira: F.conv1d(P, w.reshape(1, 1, 2)) == "
            "preco[1:] − preco[:-1].")

_MEDIA3 = torch.full((1, 1, 3), 1 / 3)
_DIF = _DIFERENCA.reshape(1, 1, 2)
_COMPOSTO = compor_nucleos(_MEDIA3, _DIF).flatten()
_TOLERANCIA_NUCLEO = 1e-3   # três casas decimais: −0.333 vale por −1/3


class _Nucleo1D(Tensor):
    """Um núcleo 1D em qualquer dos formatos que a lição produz: (k,), (1, k) ou (1, 1, k).

    ``compor_nucleos`` devolve (C_out, C_in, k) = (1, 1, 4); escrito à mão, o núcleo é (4,).
    Os eixos de tamanho 1 à esquerda são descartados antes de comparar; a tolerância absoluta
    é ``_TOLERANCIA_NUCLEO`` (respostas com três casas decimais são aceitas).
    """

    def normalizar(self, resposta):
        tensor = super().normalizar(resposta)
        while tensor.ndim > 1 and tensor.shape[0] == 1:
            tensor = tensor[0]
        return tensor


ex3 = Pergunta(
    "01", "ex3", "Qual núcleo único equivale à média móvel [1, 1, 1]/3 seguida de [-1, 1] "
    "(F.conv1d, sem preenchimento)? Aceita (4,), (1, 1, 4) ou (1, 4), com três casas decimais.",
    _Nucleo1D(rtol=0.0, atol=_TOLERANCIA_NUCLEO), _COMPOSTO,
    equivocos=[
        Equivoco("composto_correlacao", "Esse é o núcleo composto invertido. Para compor duas "
                 "correlações cruzadas, o núcleo único é a convolução VERDADEIRA dos dois "
                 "(np.convolve), não a correlação.", _COMPOSTO.flip(0)),
        Equivoco("nucleos_somados", "Somar os núcleos não compõe as camadas: aplicar uma depois "
                 "da outra mistura cada peso da segunda com todos os da primeira.",
                 _MEDIA3.flatten() + F.pad(_DIFERENCA, (0, 1))),
        Equivoco("sem_dividir_por_3", "Faltou a divisão por 3 da média móvel: o núcleo da média "
                 "é [1, 1, 1]/3, não [1, 1, 1].", 3 * _COMPOSTO),
    ],
    dica="o núcleo tem 3 + 2 − 1 = 4 pesos; escreva y[i] = −m[i] + m[i+1] com m a média móvel.",
    solucao="−(x[i] + x[i+1] + x[i+2])/3 + (x[i+1] + x[i+2] + x[i+3])/3 = (−x[i] + x[i+3])/3: "
            "o núcleo [-1/3, 0, 0, 1/3] (compor_nucleos faz a mesma conta e o devolve com forma "
            "(1, 1, 4); a conferência aceita as duas formas, com tolerância de 0,001).")

ex4 = Pergunta(
    "01", "ex4", "Qual a forma da matriz de matriz_conv1d(w, 7) (w = [1, 2, 3], sem "
    "preenchimento)? Responda (linhas, colunas).", Tupla(2), (7 - 3 + 1, 7),
    equivocos=[
        Equivoco("linhas_colunas_trocadas", "Trocados: cada LINHA é uma posição da saída "
                 "(n − k + 1 = 5) e cada COLUNA, uma entrada (7).", (7, 7 - 3 + 1)),
        Equivoco("com_preenchimento", "Essa é a matriz com padding=1; sem preenchimento a "
                 "saída tem n − k + 1 = 5 posições.", (7, 7)),
    ],
    dica="linhas = tamanho da saída, colunas = tamanho da entrada.",
    solucao="(5, 7): 5 saídas, 7 entradas; F.linear(x, M) reproduz [37, 41, 49, 34, 33].")

_BORDA_BOA = ("reflect", "replicate")
ex5 = Pergunta(
    "01", "ex5", "Você vai suavizar a série de preços com a média móvel de 9 pregões (padding=4) "
    "e quer que as 4 saídas de cada ponta fiquem perto da série original. Qual padding_mode usar?",
    Alternativa(*PADDING_MODES), "replicate",
    equivocos=[
        Equivoco("zeros_escurece", "Com 'zeros', as janelas das pontas contam preços zero que "
                 "não existem e a média despenca perto das bordas.", "zeros"),
        Equivoco("circular_mistura", "'circular' traz para a janela o outro lado do sinal: o "
                 "começo da série é misturado com o fim, e a série não é periódica (o preço sobe "
                 "ao longo dos três meses). Entre os modos que copiam valores do próprio sinal, é "
                 "o que mais se afasta da série nas pontas.", "circular"),
    ],
    dica="o que entra na janela junto à ponta, em cada modo? Confira com conv_com_borda e compare "
         "a diferença média nas 4 posições de cada ponta.",
    solucao="'replicate' ou 'reflect': os dois repetem valores vizinhos da própria ponta. "
            "'zeros' puxa as pontas para zero e 'circular' mistura o começo com o fim da série.",
    aceitar=lambda modo: modo in _BORDA_BOA)


def conv1d_a_mao(x, w, padding=0):
    k = len(w)
    zeros = torch.zeros(padding)
    xp = torch.cat([zeros, x, zeros])       # padding zeros em cada ponta do sinal
    n_out = len(xp) - k + 1                 # quantas posições a janela ocupa
    y = torch.zeros(n_out)
    for i in range(n_out):
        y[i] = (xp[i:i + k] * w).sum()      # janela vezes núcleo, sem inverter w
    return y


def _conv1d_torch(x: torch.Tensor, w: torch.Tensor, padding: int = 0) -> torch.Tensor:
    """Oráculo: o mesmo cálculo com ``F.conv1d`` (um canal, sem lote)."""
    return F.conv1d(x.reshape(1, 1, -1), w.reshape(1, 1, -1), padding=padding).flatten()


def _deslizar(x: torch.Tensor, w: torch.Tensor, padding: int, n_out: int) -> torch.Tensor:
    """As ``n_out`` primeiras somas janela × núcleo (vazia se ``n_out`` ≤ 0): base dos equívocos."""
    xp, k = F.pad(x, (padding, padding)), len(w)
    return torch.tensor([float((xp[i:i + k] * w).sum()) for i in range(n_out)])


def _caso_conv1d(gerador: torch.Generator, n: int, k: int, padding: int) -> tuple:
    return (torch.randint(-3, 4, (n,), generator=gerador).float(),
            torch.randint(-3, 4, (k,), generator=gerador).float(), padding)


def _casos_conv1d(gerador: torch.Generator) -> list:
    casos = [(_X.flatten(), _W.flatten(), 1)]  # o exemplo da lição, com padding=1
    for _ in range(6):
        n = int(torch.randint(1, 13, (1,), generator=gerador))
        p = int(torch.randint(0, 3, (1,), generator=gerador))
        k = int(torch.randint(1, n + 2 * p + 1, (1,), generator=gerador))
        casos.append(_caso_conv1d(gerador, n, k, p))
    # As pontas: o núcleo cobre o sinal preenchido inteiro (k = n + 2p), com e sem padding.
    return casos + [_caso_conv1d(gerador, 5, 5, 0), _caso_conv1d(gerador, 3, 7, 2)]


ex6 = Pergunta(
    "01", "ex6", "Escreva conv1d_a_mao(x, w, padding=0), sem usar F.conv1d: a saída de F.conv1d "
    "para um sinal x (n,) e um núcleo w (k,), com padding zeros em cada ponta.",
    Codigo(_conv1d_torch, _casos_conv1d, ("x", "w", "padding")), conv1d_a_mao,
    equivocos=[
        Equivoco("nucleo_invertido", "Sua função inverte o núcleo: essa é a convolução da "
                 "matemática. O F.conv1d calcula a correlação cruzada, y[i] = w[0]·xp[i] + "
                 "w[1]·xp[i+1] + ..., com w na ordem em que veio.",
                 lambda x, w, padding=0: conv1d_a_mao(x, w.flip(0), padding)),
        Equivoco("sem_preenchimento", "Sua função ignora o padding: antes de deslizar a janela, "
                 "ponha padding zeros em cada ponta de x; a saída passa a ter n + 2p − k + 1 "
                 "valores.", lambda x, w, padding=0: _deslizar(x, w, 0, len(x) - len(w) + 1)),
        Equivoco("sem_mais_um", "Falta a última posição: a janela cabe em n + 2p − k + 1 lugares "
                 "(de i = 0 até i = n + 2p − k, inclusive), não em n + 2p − k. Confira o range do "
                 "seu laço.",
                 lambda x, w, padding=0: _deslizar(x, w, padding, len(x) + 2 * padding - len(w))),
    ],
    dica="monte o sinal preenchido xp (torch.cat com torch.zeros(padding) nas duas pontas); a "
         "saída tem len(xp) − k + 1 valores e y[i] = (xp[i:i+k] * w).sum().",
    solucao="preencha x com padding zeros de cada lado e, para cada posição i da janela, some "
            "xp[i:i+k] * w, sem inverter o núcleo. Com padding=1 no exemplo da lição: "
            f"{[int(v) for v in _conv1d_torch(_X.flatten(), _W.flatten(), 1)]}.")
