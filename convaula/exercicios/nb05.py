"""Perguntas conferidas do notebook 05 (convolução transposta).

q1 a q6 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim.
"""

from __future__ import annotations

from functools import lru_cache

import torch
import torch.nn.functional as F

from .. import formulas, reais
from ..matriz import matriz_conv
from ..transposta import arredondar_8_bits, somas_das_fases
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
    dica="desenhe as cópias do núcleo numa linha: cada uma cobre k casas e a seguinte começa s "
         "casas depois. Quando todas as casas do meio são cobertas pelo mesmo número de cópias?",
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


#: A tolerância de ex3: as quatro somas de fase contam como iguais se diferem menos que
#: TOL_FASES vezes o maior |peso| do núcleo (e como nulas se todas ficam abaixo disso).
TOL_FASES = 1e-6


def _nucleo_4x4(t: torch.Tensor):
    """O núcleo 4×4 de uma resposta (4, 4), (1, 4, 4) ou (1, 1, 4, 4), ou ``None``."""
    if t.shape in ((4, 4), (1, 4, 4), (1, 1, 4, 4)):
        return t.reshape(4, 4)
    return None


def _fases(t: torch.Tensor):
    """(somas das 4 fases, escala) do núcleo, ou ``None`` se a forma não é de um núcleo 4×4."""
    nucleo = _nucleo_4x4(t)
    if nucleo is None:
        return None
    return somas_das_fases(nucleo, 2).flatten(), float(nucleo.abs().max())


def _classifica(t: torch.Tensor) -> str:
    fases = _fases(t)
    if fases is None:
        return "forma"
    somas, escala = fases
    if escala == 0:
        return "nulo"
    if float(somas.abs().max()) <= TOL_FASES * escala:
        return "fases_nulas"
    if float(somas.max() - somas.min()) <= TOL_FASES * escala:
        return "certo"
    return "desiguais"


_DESIGUAL = torch.eye(4)
ex3 = Pergunta(
    "05", "ex3", "Escreva um núcleo 4×4 (não nulo) cuja transposta com s = 2, p = 1 NÃO quadricula "
    "uma entrada constante e não a apaga.", Tensor(), torch.ones(4, 4),
    equivocos=[
        Equivoco("nucleo_nulo", "O núcleo nulo não quadricula, mas também não faz nada: a saída é "
                 "toda zero. Procure um núcleo não nulo.", torch.zeros(4, 4),
                 predicado=lambda t: _classifica(t) == "nulo"),
        Equivoco("fases_nulas", "As quatro somas w[a::2, b::2].sum() são iguais, mas são zero: uma "
                 "entrada constante sai toda zero no miolo. Não quadricula, mas apaga. Procure "
                 "somas iguais e diferentes de zero.", torch.tensor([[1., 1., 0., 0.], [0., 0., 0., 0.],
                                                                      [-1., -1., 0., 0.], [0., 0., 0., 0.]]),
                 predicado=lambda t: _classifica(t) == "fases_nulas"),
        Equivoco("fases_desiguais", "A contagem de cópias é uniforme (k = 4 é múltiplo de s = 2), mas "
                 "as 4 fases da saída somam pedaços diferentes do núcleo: w[0::2, 0::2], w[0::2, 1::2], "
                 "w[1::2, 0::2] e w[1::2, 1::2]. Para não quadricular, as quatro somas precisam ser "
                 "iguais.", _DESIGUAL, predicado=lambda t: _classifica(t) == "desiguais"),
    ],
    dica="separe o núcleo nos 4 pedaços w[a::2, b::2] (a, b em {0, 1}); cada fase da saída soma "
         "um deles. Quando as somas são iguais? Vale o núcleo (4, 4) ou o peso (1, 1, 4, 4) de "
         "nn.ConvTranspose2d; as somas contam como iguais se diferem menos de 1e-6 vezes o maior "
         "|peso|.",
    solucao="qualquer núcleo com as quatro somas w[a::2, b::2].sum() iguais e não nulas, como o "
            "de uns; um núcleo sorteado quase nunca tem somas iguais, e por isso quadricula.",
    aceitar=lambda t: _classifica(t) == "certo")

#: ex4: a entrada cinza constante e o miolo longe da borda em que se mede o xadrez.
LADO_CINZA, BORDA_CINZA = 96, 24
#: ex4: abaixo disto, a intensidade conta como zero (a conta em float32 dá 0 exato).
TOL_XADREZ = 1e-4

ex4 = Pergunta(
    "05", "ex4", f"Depois de treinar as duas redes, dê a cada uma a entrada cinza constante "
    f"torch.full((1, 1, {LADO_CINZA}, {LADO_CINZA}), 0.5) e meça intensidade_xadrez no miolo "
    f"[..., {BORDA_CINZA}:-{BORDA_CINZA}, {BORDA_CINZA}:-{BORDA_CINZA}]. Qual a intensidade da rede "
    "com interpolação?", Real(atol=TOL_XADREZ), 0.0,
    equivocos=[
        Equivoco("negativa", "A intensidade é um desvio padrão dividido por outro: não pode ser "
                 "negativa.", -0.01, predicado=lambda v: v < 0),
        Equivoco("nao_zero", "Esse número não é zero. Com a entrada constante e o miolo longe da "
                 "borda, a rede com interpolação devolve um miolo constante em cada canal, com "
                 "quaisquer pesos: intensidade 0. Se o número veio da rede com transposta, é o xadrez "
                 "dela; se veio da outra, confira se a entrada é constante e se o recorte deixa a "
                 "borda de fora (o preenchimento de zeros muda as posições perto dela).", 0.01,
                 predicado=lambda v: v > TOL_XADREZ),
    ],
    dica="o vizinho mais próximo ×2 seguido de uma convolução 3×3 é uma transposta de passo 2 "
         "(convaula.transposta.transposta_do_aumento): quanto somam as suas quatro fases? "
         f"Valores abaixo de {TOL_XADREZ:g} contam como zero.",
    solucao="0: a interpolação seguida de convolução é uma transposta 4×4 de passo 2 cujas quatro "
            "fases somam todas o mesmo (a soma do núcleo 3×3). As fases existem, mas estão "
            "equilibradas por construção, e nenhum treino as desequilibra; na transposta, cada fase "
            "tem o seu pedaço do núcleo, e só o treino pode equilibrá-los.")

#: ex5: a grade de λ do exercício e a tolerância (erro até 1,5× o menor da grade).
GRADE_LAMBDA = tuple(10.0 ** e for e in range(-6, 1))
FOLGA_LAMBDA = 1.5
_DESFOQUE = torch.tensor([[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]], dtype=torch.float64)[None, None] / 16


@lru_cache(maxsize=1)
def _problema_ex5():
    """A foto 32×32 da seção 5b, desfocada e salva em 8 bits, e a decomposição de MᵀM."""
    foto32 = reais.foto(cinza=True, tamanho=40)[:, 6:38, 4:36].double()[None]   # (1, 1, 32, 32)
    salva = arredondar_8_bits(F.conv2d(foto32, _DESFOQUE, padding=1))
    m = matriz_conv(_DESFOQUE, (32, 32), padding=1)
    autovalores, v = torch.linalg.eigh(m.T @ m)
    coef = v.T @ (m.T @ salva.reshape(-1))
    return foto32, salva, autovalores, v, coef


def erro_da_regularizacao(lam: float) -> float:
    """Erro médio por pixel de ``deconvolucao(salva, desfoque, regularizacao=lam)`` na foto do ex5.

    Mesma conta de ``convaula.transposta.deconvolucao`` ((MᵀM + λI) x = Mᵀy), pela decomposição
    de MᵀM feita uma vez, para conferir qualquer λ depressa.
    """
    foto32, _, autovalores, v, coef = _problema_ex5()
    x = v @ (coef / (autovalores + lam))
    return float((x - foto32.reshape(-1)).abs().mean())


def erro_da_desfocada() -> float:
    """Erro médio por pixel da imagem desfocada e salva, sem nada desfeito (ex5)."""
    foto32, salva = _problema_ex5()[:2]
    return float((salva - foto32).abs().mean())


def _melhor_da_grade() -> tuple[float, float]:
    return min(((erro_da_regularizacao(lam), lam) for lam in GRADE_LAMBDA))


def _perto_do_melhor(v: float) -> bool:
    return v >= 0 and erro_da_regularizacao(v) <= FOLGA_LAMBDA * _melhor_da_grade()[0]


def _pior_que_desfocada(v: float) -> bool:
    return v >= 0 and erro_da_regularizacao(v) >= erro_da_desfocada()


ex5 = Pergunta(
    "05", "ex5", "Que λ (entre 1e-6 e 1) você escolhe para desfazer o desfoque da foto 32×32 "
    "salva em 8 bits?", Real(), 1e-3,
    equivocos=[
        Equivoco("lambda_negativo", "λ precisa ser ≥ 0: ele pesa o quanto a solução paga por ser "
                 "grande.", -1e-3, predicado=lambda v: v < 0),
        Equivoco("pequeno_pior_que_desfocada", "λ pequeno demais: a solução fica perto da inversa "
                 "ingênua, e o arredondamento de 8 bits, amplificado pelo número de condição, deixa "
                 "o erro médio medido maior do que o da própria imagem desfocada.", 1e-6,
                 predicado=lambda v: _pior_que_desfocada(v) and v < _melhor_da_grade()[1]),
        Equivoco("grande_pior_que_desfocada", "λ grande demais: o termo λ‖x‖² domina, a solução "
                 "encolhe para perto de zero e fica borrada, e o erro médio medido é maior do que o "
                 "da própria imagem desfocada.", 1.0,
                 predicado=lambda v: _pior_que_desfocada(v) and v > _melhor_da_grade()[1]),
        Equivoco("pequeno_longe_do_melhor", "Esse λ já desfaz parte do desfoque (o erro médio medido "
                 "é menor do que o da imagem desfocada), mas fica acima de 1,5 vez o menor erro da "
                 "grade: ainda sobra ruído amplificado. Experimente λ maiores.", 3e-5,
                 predicado=lambda v: v >= 0 and not _perto_do_melhor(v) and v < _melhor_da_grade()[1]),
        Equivoco("grande_longe_do_melhor", "Esse λ já desfaz parte do desfoque (o erro médio medido "
                 "é menor do que o da imagem desfocada), mas fica acima de 1,5 vez o menor erro da "
                 "grade: a regularização já borra demais. Experimente λ menores.", 0.02,
                 predicado=lambda v: v >= 0 and not _perto_do_melhor(v) and v > _melhor_da_grade()[1]),
    ],
    dica="calcule o erro médio para λ = 1e-6, 1e-5, ..., 1 com "
         "deconvolucao(..., regularizacao=λ) e escolha o menor. Vale qualquer λ cujo erro médio "
         "fique até 1,5 vez o menor da grade.",
    solucao="na grade de potências de 10, o menor erro médio fica em λ = 1e-3 (0,013, contra 0,043 "
            "da imagem desfocada); 1e-4 e 1e-2 também ficam dentro da folga de 1,5 vez. Nos extremos, o "
            "ruído volta (λ pequeno) ou a imagem se apaga (λ grande).",
    aceitar=_perto_do_melhor)
