"""Perguntas conferidas do notebook 08 (LeNet-5 no Fashion-MNIST).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

from .. import formulas
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Alternativa, Inteiro, Tupla

q1 = prontas.tamanho_conv("08", "q1", "Lado depois de C3 (k = 5, sem preenchimento) sobre S2, "
                          "um mapa 14×14?", 14, 5)
q2 = prontas.numero_parametros("08", "q2", "Quantos parâmetros tem a C3 densa, "
                               "nn.Conv2d(6, 16, 5)?", 6, 16, 5)
q3 = prontas.campo_receptivo("08", "q3", "Quantos pixels da entrada (por dimensão) uma posição "
                             "de C3 enxerga? Camadas (k, s, d): C1 (5, 1, 1), S2 (2, 2, 1), "
                             "C3 (5, 1, 1).", [(5, 1, 1), (2, 2, 1), (5, 1, 1)])

# Normalização em lote num lote de 32 mapas 6×28×28: cada μ_c usa N·H·W valores.
_N, _C, _H = 32, 6, 28
q4 = Pergunta(
    "08", "q4", "Num lote (32, 6, 28, 28), quantos números entram em cada média μ_c da "
    "nn.BatchNorm2d?", Inteiro(), _N * _H * _H,
    equivocos=[
        Equivoco("so_espaco", "A média de um canal usa o lote inteiro, não só uma imagem: "
                 "N·H·W valores.", _H * _H),
        Equivoco("so_lote", "Para cada canal, a média percorre também as posições H × W, não só "
                 "as N imagens.", _N),
        Equivoco("canais_juntos", "Cada canal tem a sua média: os C canais não se misturam.",
                 _N * _C * _H * _H),
    ],
    dica="a normalização é por canal: fixe c e conte todos os valores desse canal no lote.",
    solucao="N·H·W = 32·28·28 = 25.088 valores por canal.")

q5 = prontas.tamanho_conv("08", "q5", "Quantas posições por dimensão tem um quadrado de lado 8 "
                          "que anda 2 pixels por vez numa imagem 32×32?", 32, 8, stride=2)


def _lados(conv, pool, entrada: int = 28) -> tuple[int, ...]:
    """Lados depois de C1, S2, C3 e S4 com as contas ``conv`` e ``pool`` dadas."""
    c1 = conv(entrada)
    s2 = pool(c1)
    c3 = conv(s2)
    return c1, s2, c3, pool(c3)


_CONV5 = lambda n: formulas.tamanho_saida(n, 5)  # noqa: E731
_POOL2 = lambda n: formulas.tamanho_saida_pool(n, 2)  # noqa: E731

ex1 = Pergunta(
    "08", "ex1", "Com entrada 28×28 (sem os 2 pixels de borda), qual o lado depois de C1, S2, "
    "C3 e S4?", Tupla(4), _lados(_CONV5, _POOL2),
    equivocos=[
        Equivoco("entrada_32", "Esses são os lados da entrada 32×32. Sem o preenchimento, comece "
                 "de 28.", _lados(_CONV5, _POOL2, entrada=32)),
        Equivoco("sem_mais_um", "Faltou o +1 nas convoluções: n − k + 1, não n − k.",
                 _lados(lambda n: n - 5, _POOL2)),
        Equivoco("pool_sem_metade", "A subamostragem 2×2 com s = 2 divide o lado por 2.",
                 _lados(_CONV5, lambda n: n - 1)),
    ],
    dica="convolução 5×5: n − 5 + 1; subamostragem 2×2, s = 2: ⌊n/2⌋.",
    solucao="28 → 24 → 12 → 8 → 4; com S4 4×4, o núcleo 5×5 de C5 não cabe.")

ex2 = prontas.numero_parametros("08", "ex2", "Quantos parâmetros tem uma C3 nn.Conv2d(6, 16, 5, "
                                "groups=2)?", 6, 16, 5, groups=2)

_JUSTO = ("a", "b", "c")
ex3 = Pergunta(
    "08", "ex3", "Com 3 sementes por receita, quando é justo dizer que uma receita é melhor? "
    "(a) quando a diferença entre as médias é bem maior do que a variação entre as sementes de "
    "cada receita; (b) quando a melhor semente de uma passa a melhor semente da outra; (c) uma "
    "semente de cada basta.", Alternativa(*_JUSTO), "a",
    equivocos=[
        Equivoco("melhor_semente", "Comparar só as melhores sementes esconde a variação: uma "
                 "receita instável pode ter uma semente de sorte. Compare as médias com o "
                 "espalhamento.", "b"),
        Equivoco("uma_semente", "Com uma semente, não dá para separar o efeito da receita do "
                 "efeito da sorte (a inicialização e a ordem dos lotes).", "c"),
    ],
    dica="a pergunta é se a diferença é maior do que o ruído entre sementes.",
    solucao="(a): a diferença entre receitas precisa ser bem maior do que a variação entre "
            "sementes de cada receita; com poucas sementes, prefira afirmações cautelosas.")

# bn1, bn3 (BatchNorm2d) e bn6 (BatchNorm1d) da LeNet5(batch_norm=True): 6, 16 e 84 canais.
_CANAIS_BN = (6, 16, 84)
ex4 = Pergunta(
    "08", "ex4", "Quantos parâmetros treináveis e quantos valores de médias móveis "
    "(running_mean e running_var) as três BatchNorm da LeNet5(batch_norm=True) acrescentam? "
    "Responda (parâmetros, médias móveis).", Tupla(2), (2 * sum(_CANAIS_BN), 2 * sum(_CANAIS_BN)),
    equivocos=[
        Equivoco("um_vetor", "São dois vetores aprendidos por camada, γ e β, e dois guardados, "
                 "a média e a variância móveis.", (sum(_CANAIS_BN), sum(_CANAIS_BN))),
        Equivoco("moveis_como_parametros", "As médias móveis não são treinadas pelo SGD: são "
                 "*buffers*, atualizados a cada lote, não parâmetros.", (4 * sum(_CANAIS_BN), 0)),
        Equivoco("sem_moveis", "As médias móveis não são parâmetros, mas existem: running_mean e "
                 "running_var, um valor por canal cada.", (2 * sum(_CANAIS_BN), 0)),
    ],
    dica="cada BatchNorm com C canais tem γ e β (C valores cada) e guarda running_mean e "
         "running_var (C valores cada). Os canais são 6, 16 e 84.",
    solucao="2·(6 + 16 + 84) = 212 parâmetros e outros 212 valores de médias móveis (mais um "
            "contador de lotes por camada, num_batches_tracked).")

ex5 = prontas.tamanho_conv("08", "ex5", "Com um quadrado de lado 14 (o campo receptivo de C3) "
                           "que anda 2 pixels por vez, quantas posições por dimensão há numa "
                           "imagem 32×32?", 32, 14, stride=2)
