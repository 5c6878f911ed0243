"""Perguntas conferidas do notebook 05 (convolução transposta).

q1 a q6 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .. import formulas
from ..transposta import intensidade_xadrez
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Alternativa, Real, Tensor, Tupla

q1 = prontas.tamanho_transposta("05", "q1", "Tamanho da transposta com n = 2, k = 3, s = 2, p = 1?",
                                2, 3, stride=2, padding=1)
q2 = prontas.tamanho_transposta("05", "q2", "Tamanho da transposta com n = 2, k = 3, s = 3, p = 0?",
                                2, 3, stride=3)

_RECUPERA = ("nenhuma", "so_transposta", "so_deconvolucao", "as_duas")
q3 = Pergunta(
    "05", "q3", "Depois do desfoque 5×5 (p = 1), quem recupera a imagem: a transposta, a "
    "deconvolução, as duas ou nenhuma?", Alternativa(*_RECUPERA), "so_deconvolucao",
    equivocos=[
        Equivoco("transposta_como_inversa", "A transposta multiplica por Mᵀ, não por M⁻¹. Como o "
                 "núcleo de desfoque é simétrico, Mᵀ = M: a transposta desfoca de novo.", "as_duas"),
        Equivoco("so_transposta", "A transposta multiplica por Mᵀ (aqui, Mᵀ = M: desfoca de novo); "
                 "quem resolve M x = y é a deconvolução.", "so_transposta"),
        Equivoco("posto_cheio_ignorado", "Aqui M é 25×25 e tem posto cheio, e a conta é em float64 "
                 "sem ruído: resolver M x = y devolve a imagem exata.", "nenhuma"),
    ],
    dica="a transposta multiplica por Mᵀ; a deconvolução resolve M x = y. M é quadrada e "
         "inversível? O núcleo de desfoque é simétrico?",
    solucao="só a deconvolução: M tem posto cheio e, sem ruído, M⁻¹ existe; a transposta "
            "multiplica por Mᵀ = M e desfoca outra vez.")

_CONTAGENS = ("nenhum", "so_k3", "so_k4", "os_dois")
q4 = Pergunta(
    "05", "q4", "Quais têm contagens de cópias desiguais no miolo: k = 3, s = 2 ou k = 4, s = 2, "
    "p = 1?", Alternativa(*_CONTAGENS), "so_k3",
    equivocos=[
        Equivoco("k4_desigual", "Com k = 4 = 2·s, cada posição do miolo recebe k/s = 2 cópias por "
                 "dimensão (4 em 2D): as contagens se igualam quando k é múltiplo de s.", "os_dois"),
        Equivoco("k3_uniforme", "Com k = 3 e s = 2, as cópias vizinhas começam a 2 casas uma da "
                 "outra e cada uma cobre 3: umas posições recebem 1 cópia, outras 2, alternadas.",
                 "nenhum"),
        Equivoco("trocados", "É o contrário: k = 3 não é múltiplo de s = 2 (contagens 1, 2, 1, "
                 "2...); k = 4 é (contagem 2 por dimensão).", "so_k4"),
    ],
    dica="as contagens se igualam no miolo quando k é múltiplo de s.",
    solucao="só k = 3, s = 2: 3 não é múltiplo de 2. Com k = 4 as contagens se igualam — o que "
            "não quer dizer que o xadrez desapareça (seção 6).")

q5 = prontas.tamanho_conv("05", "q5", "Lado depois da convolução dilatada k = 4, d = 2, p = 3 "
                          "sobre um mapa 8×8?", 8, 4, padding=3, dilation=2)
q6 = prontas.tamanho_transposta("05", "q6", "Lado depois da transposta k = 4, s = 2, p = 1 sobre "
                                "um mapa 8×8?", 8, 4, stride=2, padding=1)

ex1 = prontas.tamanho_transposta("05", "ex1", "Com k = 4, s = 2, p = 1, qual a saída da "
                                 "transposta para n = 7?", 7, 4, stride=2, padding=1)


def _viram_2(conta) -> tuple[int, ...]:
    return tuple(n for n in range(3, 20) if conta(n) == 2)


ex2 = Pergunta(
    "05", "ex2", "Com k = 3, s = 3, p = 0, quais n (em ordem) têm convolução de tamanho 2?",
    Tupla(3), _viram_2(lambda n: formulas.tamanho_saida(n, 3, stride=3)),
    equivocos=[
        Equivoco("sem_mais_um", "Parece que faltou o +1: ⌊(n − 3)/3⌋ + 1 = 2 pede ⌊(n − 3)/3⌋ = 1.",
                 _viram_2(lambda n: (n - 3) // 3)),
        Equivoco("teto_no_lugar_do_piso", "A divisão usa o piso: ⌊(n − 3)/3⌋ + 1 = 2 vale para "
                 "n − 3 entre 3 e 5.", _viram_2(lambda n: -(-(n - 3) // 3) + 1)),
    ],
    dica="⌊(n − 3)/3⌋ + 1 = 2 exige ⌊(n − 3)/3⌋ = 1, isto é, 3 ≤ n − 3 ≤ 5.",
    solucao="n = 6, 7 e 8; a transposta precisa de output_padding 0, 1 e 2 para reconstruir cada um.")


def _xadrez_constante(nucleo: torch.Tensor) -> float:
    saida = F.conv_transpose2d(torch.ones(1, 1, 6, 6, dtype=torch.float64), nucleo.reshape(1, 1, 4, 4),
                               stride=2, padding=1)
    return intensidade_xadrez(saida[0, 0, 1:-1, 1:-1])


def _sem_xadrez(nucleo: torch.Tensor) -> bool:
    return nucleo.shape == (4, 4) and bool(nucleo.abs().sum() > 0) and _xadrez_constante(nucleo) < 1e-6


ex3 = Pergunta(
    "05", "ex3", "Escreva um núcleo 4×4 (não nulo) cuja transposta com s = 2, p = 1 NÃO quadricula "
    "uma entrada constante.", Tensor(), torch.ones(4, 4),
    equivocos=[
        Equivoco("nucleo_nulo", "O núcleo nulo não quadricula, mas também não faz nada: a saída é "
                 "toda zero. Procure um núcleo não nulo.", torch.zeros(4, 4),
                 predicado=lambda t: t.shape == (4, 4) and bool(t.abs().sum() == 0)),
        Equivoco("fases_desiguais", "A contagem de cópias é uniforme (k = 4 é múltiplo de s = 2), mas "
                 "as 4 fases da saída somam pedaços diferentes do núcleo: w[0::2, 0::2], w[0::2, 1::2], "
                 "w[1::2, 0::2] e w[1::2, 1::2]. Para não quadricular, as quatro somas precisam ser "
                 "iguais.", torch.eye(4),
                 predicado=lambda t: t.shape == (4, 4) and _xadrez_constante(t) >= 1e-6),
    ],
    dica="separe o núcleo nos 4 pedaços w[a::2, b::2] (a, b em {0, 1}); cada fase da saída soma "
         "um deles. Quando as somas são iguais?",
    solucao="qualquer núcleo com as quatro somas w[a::2, b::2].sum() iguais e não nulas, como o "
            "de uns; um núcleo sorteado quase nunca tem somas iguais, e por isso quadricula.",
    aceitar=_sem_xadrez)

_EXPLICACOES = ("a", "b", "c")
ex4 = Pergunta(
    "05", "ex4", "Por que a interpolação seguida de convolução não quadricula? (a) todas as "
    "posições passam pela mesma convolução, com o núcleo inteiro: não há fases; (b) porque "
    "k é múltiplo de s; (c) porque foi treinada por mais tempo.", Alternativa(*_EXPLICACOES), "a",
    equivocos=[
        Equivoco("contagem_basta", "k múltiplo de s iguala as contagens de cópias, mas a transposta "
                 "k = 4, s = 2 também o faz e ainda assim pode quadricular: cada fase soma um pedaço "
                 "diferente do núcleo.", "b"),
        Equivoco("treino_basta", "As duas redes tiveram o mesmo orçamento de treino. A diferença é "
                 "de construção: depois da interpolação, não há fases.", "c"),
    ],
    dica="depois de nn.Upsample (vizinho mais próximo), a convolução 3×3 vê a mesma vizinhança "
         "em todas as posições?",
    solucao="(a): a interpolação fixa não tem pesos, e a convolução que vem depois usa o núcleo "
            "inteiro em toda posição; não existem s² pedaços diferentes para desequilibrar.")


def _lambda_bom(valor: float) -> bool:
    return 1e-4 <= valor <= 1e-2


ex5 = Pergunta(
    "05", "ex5", "Que λ (entre 1e-6 e 1) você escolhe para desfazer o desfoque da foto 32×32 "
    "salva em 8 bits?", Real(), 1e-3,
    equivocos=[
        Equivoco("lambda_pequeno", "λ pequeno demais: a solução volta a ser quase a inversa "
                 "ingênua, e o arredondamento de 8 bits é amplificado pelo número de condição.",
                 1e-6, predicado=lambda v: 0 <= v < 1e-4),
        Equivoco("lambda_grande", "λ grande demais: o termo λ‖x‖² domina, a solução encolhe para "
                 "perto de zero e fica borrada — pior do que a própria imagem desfocada.",
                 1.0, predicado=lambda v: v > 1e-2),
        Equivoco("lambda_negativo", "λ precisa ser ≥ 0: ele pesa o quanto a solução paga por ser "
                 "grande.", -1e-3, predicado=lambda v: v < 0),
    ],
    dica="calcule o erro médio para λ = 1e-6, 1e-5, ..., 1 com "
         "deconvolucao(..., regularizacao=λ) e escolha o menor.",
    solucao="na grade de potências de 10, o menor erro médio fica em λ = 1e-3 (1e-4 e 1e-2 "
            "também ficam bem melhores do que a imagem desfocada); nos extremos, o ruído volta "
            "(λ pequeno) ou a imagem se apaga (λ grande).",
    aceitar=_lambda_bom)
