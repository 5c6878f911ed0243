"""Perguntas conferidas do notebook 08 (LeNet-5 no Fashion-MNIST).

q1 a q5 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import math
import random
import statistics
from typing import Any

from .. import formulas
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Inteiro, RespostaInvalida, Tipo, Tupla, descrever

q1 = prontas.tamanho_conv("08", "q1", "Lado depois de C3 (k = 5, sem preenchimento) sobre S2, "
                          "um mapa 14×14?", 14, 5)
q2 = prontas.numero_parametros("08", "q2", "Quantos parâmetros tem a C3 densa, "
                               "nn.Conv2d(6, 16, 5)?", 6, 16, 5)
q3 = prontas.campo_receptivo("08", "q3", "Quantos pixels da entrada (por dimensão) uma posição "
                             "de S4 enxerga? Camadas (k, s, d): C1 (5, 1, 1), S2 (2, 2, 1), "
                             "C3 (5, 1, 1), S4 (2, 2, 1).",
                             [(5, 1, 1), (2, 2, 1), (5, 1, 1), (2, 2, 1)])

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



class Comparacao(Tipo):
    """Duas receitas em várias sementes e a razão que o aluno calculou com elas.

    A resposta é ``(acuracias_a, acuracias_b, razao)``: duas listas de acurácias (uma por
    semente, pelo menos 3, entre 0 e 1) e ``razao`` = |média(a) − média(b)| dividida pelo
    maior dos dois desvios-padrão amostrais (``statistics.stdev``). O conferidor refaz a conta
    com as listas do aluno (tolerância relativa de 1%); ele não sabe que acurácias o treino
    dará, só confere a conta e a forma dos dados.
    """

    def normalizar(self, resposta: Any) -> tuple[tuple[float, ...], tuple[float, ...], float]:
        if not isinstance(resposta, (tuple, list)) or len(resposta) != 3:
            raise RespostaInvalida(
                "esperava (acuracias_a, acuracias_b, razao): duas listas de acurácias, uma por "
                f"semente, e o número que você calculou, mas recebeu {descrever(resposta)}.")
        listas = []
        for nome, lista in zip(("acuracias_a", "acuracias_b"), resposta[:2]):
            if not isinstance(lista, (tuple, list)) or len(lista) < 3:
                raise RespostaInvalida(f"{nome} deve ser uma lista com uma acurácia por semente "
                                       f"(pelo menos 3), mas recebeu {descrever(lista)}.")
            valores = tuple(_acuracia(v, nome) for v in lista)
            if statistics.stdev(valores) == 0:
                raise RespostaInvalida(f"as acurácias de {nome} são todas iguais: as sementes "
                                       f"mudaram mesmo? (passe semente= a treino.treinar e "
                                       f"torch.manual_seed antes de criar a rede)")
            listas.append(valores)
        return listas[0], listas[1], _acuracia(resposta[2], "razao", limite=math.inf)

    def igual(self, a, b) -> bool:
        return a == b

    def formatar(self, resposta: Any) -> str:
        a, b, razao = self.normalizar(resposta)
        return f"({list(a)}, {list(b)}, {razao:.3g})"

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        a, b, razao = self.normalizar(resposta)
        return [(a, b, razao * gerador.choice([0.3, 0.5, 0.8, 1.2, 1.6, 3.0]) + gerador.uniform(0.05, 1))
                for _ in range(n)]


def _acuracia(valor: Any, nome: str, limite: float = 1.0) -> float:
    if hasattr(valor, "item") and getattr(valor, "numel", lambda: 1)() == 1:
        valor = valor.item()
    if isinstance(valor, bool) or not isinstance(valor, (int, float)) or not math.isfinite(valor):
        raise RespostaInvalida(f"cada valor de {nome} deve ser um número, mas recebeu "
                               f"{descrever(valor)}.")
    if not 0 <= valor <= limite:
        raise RespostaInvalida(f"{nome} deve estar entre 0 e {limite}, mas recebeu {valor!r}.")
    return float(valor)


def _razao(a, b, desvio=statistics.stdev, escolher=max) -> float:
    return abs(statistics.mean(a) - statistics.mean(b)) / escolher(desvio(a), desvio(b))


def _perto(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=0.01)


def _comparacao(id: str, receitas: str) -> Pergunta:
    # Um exemplo de referência (números ilustrativos, não de um treino): a conta é o que conta.
    a, b = (0.861, 0.874, 0.868), (0.812, 0.829, 0.801)
    return Pergunta(
        "08", id, f"Com as acurácias na validação de {receitas} em 3 sementes, quanto vale "
        "|média(a) − média(b)| / maior desvio-padrão entre sementes? Responda "
        "(acuracias_a, acuracias_b, razao).", Comparacao(), (a, b, _razao(a, b)),
        aceitar=lambda v: _perto(v[2], _razao(v[0], v[1])),
        equivocos=[
            Equivoco("sem_dividir", "Essa é a diferença entre as médias, ainda sem dividir pelo "
                     "desvio: ela sozinha não diz se a diferença passa do ruído entre sementes.",
                     (a, b, abs(statistics.mean(a) - statistics.mean(b))),
                     predicado=lambda v: _perto(v[2], abs(statistics.mean(v[0]) - statistics.mean(v[1])))),
            Equivoco("menor_desvio", "Você dividiu pelo menor dos dois desvios; use o maior, a "
                     "comparação mais cautelosa.", (a, b, _razao(a, b, escolher=min)),
                     predicado=lambda v: _perto(v[2], _razao(v[0], v[1], escolher=min))),
            Equivoco("desvio_populacional", "Com 3 sementes, use o desvio amostral "
                     "(statistics.stdev, que divide por n − 1), não o populacional (pstdev).",
                     (a, b, _razao(a, b, desvio=statistics.pstdev)),
                     predicado=lambda v: _perto(v[2], _razao(v[0], v[1], desvio=statistics.pstdev))),
        ],
        dica="statistics.mean e statistics.stdev de cada lista; a diferença das médias, em "
             "valor absoluto, dividida pelo maior dos dois desvios.",
        solucao="razao = |mean(a) − mean(b)| / max(stdev(a), stdev(b)). Acima de 2, a diferença "
                "entre as receitas passa com folga da variação entre sementes; perto de 1 ou "
                "menos, 3 sementes não bastam para dizer qual é melhor.")


ex3 = _comparacao("ex3", "a receita da seção 5 (a) e a receita original de 1998 (b)")

# bn1, bn3 (BatchNorm2d) e bn6 (BatchNorm1d) da LeNet5(batch_norm=True): 6, 16 e 84 canais.
_CANAIS_BN = (6, 16, 84)
#: Parâmetros e valores de médias móveis das três BatchNorm (a conta do exercício 4, que as
#: soluções refazem com a rede).
PARAMETROS_BN, MOVEIS_BN = 2 * sum(_CANAIS_BN), 2 * sum(_CANAIS_BN)

ex4 = _comparacao("ex4", "a receita da seção 5 (a) e a mesma sem normalização em lote (b)")

ex5 = prontas.tamanho_conv("08", "ex5", "Com um quadrado de lado 14 (o campo receptivo de C3) "
                           "que anda 2 pixels por vez, quantas posições por dimensão há numa "
                           "imagem 32×32?", 32, 14, stride=2)
