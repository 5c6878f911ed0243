"""Perguntas conferidas do notebook 01 (Convolução 1D).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim
(ex2, ex3 e ex5 são de projeto: um núcleo ou uma escolha que o aluno desenha).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..propriedades import PADDING_MODES, compor_nucleos
from . import prontas
from .base import Equivoco, Pergunta
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

q4 = Pergunta(
    "01", "q4", "Numa convolução com stride=2 e preenchimento circular, a entrada anda 2 pixels. "
    "Quantos pixels anda a saída?", Inteiro(), 2 // 2,
    equivocos=[
        Equivoco("passo_ignorado", "A saída tem metade das posições (stride=2): 2 pixels da "
                 "entrada correspondem a 1 posição da saída.", 2),
        Equivoco("nao_equivariante", "Com preenchimento circular e um deslocamento múltiplo do "
                 "passo a saída anda sim, exatamente: confira o erro zero na tabela.", 0),
    ],
    dica="cada posição da saída corresponde a 2 pixels da entrada.",
    solucao="2 / stride = 1 pixel; a tabela mostra erro zero para esse caso.")

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

ex1 = prontas.tamanho_conv("01", "ex1", "Sinal com n = 10, núcleo com k = 4, sem preenchimento: "
                           "quantos valores tem a saída?", 10, 4)

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
ex3 = Pergunta(
    "01", "ex3", "Qual núcleo único equivale à média móvel [1, 1, 1]/3 seguida de [-1, 1] "
    "(F.conv1d, sem preenchimento)?", Tensor(), _COMPOSTO,
    equivocos=[
        Equivoco("composto_correlacao", "Esse é o núcleo composto invertido. Para compor duas "
                 "correlações cruzadas, o núcleo único é a convolução VERDADEIRA dos dois "
                 "(np.convolve), não a correlação.", _COMPOSTO.flip(0)),
        Equivoco("nucleos_somados", "Somar os núcleos não compõe as camadas: aplicar uma depois "
                 "da outra mistura cada peso da segunda com todos os da primeira.",
                 _MEDIA3.flatten() + F.pad(_DIFERENCA, (0, 1))),
    ],
    dica="o núcleo tem 3 + 2 − 1 = 4 pesos; escreva y[i] = −m[i] + m[i+1] com m a média móvel.",
    solucao="−(x[i] + x[i+1] + x[i+2])/3 + (x[i+1] + x[i+2] + x[i+3])/3 = (−x[i] + x[i+3])/3: "
            "o núcleo [-1/3, 0, 0, 1/3] (compor_nucleos faz a mesma conta).")

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

_BORDA_BOA = ("reflect", "replicate", "circular")
ex5 = Pergunta(
    "01", "ex5", "Escolha um padding_mode para borrar uma imagem CONSTANTE com um núcleo de média "
    "(padding=4) sem que a borda escureça.", Alternativa(*PADDING_MODES), "replicate",
    equivocos=[
        Equivoco("zeros_escurece", "Com 'zeros', as janelas da borda contam pixels pretos que "
                 "não existem e a média cai: a borda escurece.", "zeros"),
    ],
    dica="o que entra na janela junto à borda, em cada modo? Numa imagem constante, qualquer "
         "modo que só repita valores da própria imagem mantém a média.",
    solucao="'reflect', 'replicate' ou 'circular' (os três só copiam valores da imagem); "
            "'zeros' escurece a borda.",
    aceitar=lambda modo: modo in _BORDA_BOA)
