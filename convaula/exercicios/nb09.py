"""Perguntas conferidas do notebook 09 (Da LeNet às redes de hoje).

q1 a q6 são os "Preveja, depois confira" da lição; ex1 a ex5, os exercícios do fim (ex2 a ex5
são de projeto e transferência: escolher os canais de uma rede com orçamento de parâmetros, o
bloco da MobileNet, o atalho com projeção da ResNet e a rede numa entrada de outro tamanho).
"""

from __future__ import annotations

from .. import formulas
from . import prontas
from .base import Equivoco, Pergunta
from .tipos import Inteiro, Real, Tupla

q1 = prontas.campo_receptivo("09", "q1", "Quantos pixels (por dimensão) enxerga uma saída de três "
                             "convoluções 3×3 empilhadas (passo 1, sem dilatação)?",
                             [(3, 1, 1)] * 3)

_C = 64
q2 = Pergunta(
    "09", "q2", "Com C = 64 canais de entrada e de saída, quantos pesos (sem viés) têm três "
    "convoluções 3×3 empilhadas?", Inteiro(), 3 * 9 * _C * _C,
    equivocos=[
        Equivoco("um_7x7", "Esse é o número da convolução 7×7 única (49·C²). Cada 3×3 tem 9·C² "
                 "pesos, e são três.", 49 * _C * _C),
        Equivoco("uma_so", "Essa é uma convolução 3×3 só (9·C²); a pilha tem três.", 9 * _C * _C),
        Equivoco("sem_canais_de_entrada", "Cada filtro 3×3 tem uma fatia por canal de entrada: "
                 "9·C_in pesos por filtro, C_out filtros.", 3 * 9 * _C),
    ],
    dica="uma convolução 3×3 de C para C canais tem C_out·C_in·3·3 pesos.",
    solucao="3·(3·3·64·64) = 27·64² = 110.592 (contra 49·64² = 200.704 da 7×7).")

# Uma camada 3×3 C→C em H×W custa 2·9·C²·H·W FLOPs; com H e W pela metade e C em dobro:
_FLOPS = lambda c, h: 2 * 9 * c * c * h * h  # noqa: E731
q3 = Pergunta(
    "09", "q3", "Quantas vezes mais FLOPs tem uma convolução 3×3 de 128 para 128 canais num mapa "
    "112×112 do que uma de 64 para 64 num mapa 224×224?", Real(rtol=1e-3),
    _FLOPS(128, 112) / _FLOPS(64, 224),
    equivocos=[
        Equivoco("so_posicoes", "Há 4 vezes menos posições, mas cada uma custa 4 vezes mais: os "
                 "canais entram duas vezes (C_in·C_out).", 0.25),
        Equivoco("so_canais", "Os canais dobram e o custo por posição fica 4 vezes maior, mas o "
                 "mapa tem 4 vezes menos posições.", 4.0),
        Equivoco("canais_uma_vez", "O custo por posição é C_in·C_out·k²: dobrar os dois "
                 "multiplica por 4, não por 2.", 0.5),
    ],
    dica="FLOPs = 2·k²·C_in·C_out·H·W; compare os dois produtos C²·H·W.",
    solucao="(128²·112²)/(64²·224²) = (4·64²)·(224²/4)/(64²·224²) = 1: o mesmo custo.")

q4 = Pergunta(
    "09", "q4", "Quantos pesos (sem viés) tem o gargalo da ResNet-50: 1×1 de 256 para 64, 3×3 de "
    "64 para 64 e 1×1 de 64 para 256?", Inteiro(), 256 * 64 + 9 * 64 * 64 + 64 * 256,
    equivocos=[
        Equivoco("tudo_3x3", "As convoluções das pontas são 1×1: um peso por par de canais, "
                 "não 9.", 9 * 256 * 64 + 9 * 64 * 64 + 9 * 64 * 256),
        Equivoco("so_a_3x3", "Faltaram as duas convoluções 1×1 (256·64 pesos cada).", 9 * 64 * 64),
        Equivoco("bloco_basico", "Esse é o bloco básico de duas 3×3 com 256 canais; o gargalo "
                 "faz a 3×3 com 64.", 2 * 9 * 256 * 256),
    ],
    dica="some as três camadas: C_in·C_out·k² cada, com k = 1, 3 e 1.",
    solucao="256·64 + 9·64·64 + 64·256 = 16.384 + 36.864 + 16.384 = 69.632.")

_C3, _LADO = 48, 4
q5 = Pergunta(
    "09", "q5", "O último mapa da rede tem 48 canais de 4×4. Quantos parâmetros tem uma cabeça "
    "densa, nn.Linear(48·4·4, 10)?", Inteiro(), _C3 * _LADO * _LADO * 10 + 10,
    equivocos=[
        Equivoco("cabeca_gap", "Esse é o número da cabeça com média global (Linear(48, 10)); a "
                 "densa lê cada uma das 4·4 posições de cada canal.", _C3 * 10 + 10),
        Equivoco("sem_vies", "Faltou o viés: um por saída, 10.", _C3 * _LADO * _LADO * 10),
    ],
    dica="a camada achatada tem 48·4·4 entradas; cada uma das 10 saídas tem um peso por entrada "
         "e um viés.",
    solucao="(48·16)·10 + 10 = 7.690 (a cabeça com média global: 48·10 + 10 = 490).")

# A LeNet-5 totalmente convolucional: janela 32×32, espaçamento 4 (o de C5).
q6 = Pergunta(
    "09", "q6", "A LeNet-5 sem camadas densas desliza numa imagem 64×64: quantas posições por "
    "dimensão tem o mapa de notas? (cada posição vê 32×32 pixels; vizinhas ficam a 4 pixels)",
    Inteiro(), formulas.tamanho_saida(64, 32, stride=4),
    equivocos=[
        Equivoco("sem_espacamento", "As janelas andam 4 pixels por vez (o espaçamento de C5), "
                 "não 1.", formulas.tamanho_saida(64, 32)),
        Equivoco("sem_mais_um", "Faltou o +1: (64 − 32)/4 conta os passos, e há uma posição a "
                 "mais do que passos.", (64 - 32) // 4),
        Equivoco("divide_pelo_espacamento", "Dividir 64 pelo espaçamento esquece que cada janela "
                 "precisa caber inteira na imagem.", 64 // 4),
    ],
    dica="é a fórmula da convolução com k = 32 (o campo) e s = 4 (o espaçamento).",
    solucao="⌊(64 − 32)/4⌋ + 1 = 9 posições por dimensão: 81 janelas 32×32.")

# O caminho mais longo da RedeModerna: (k, s, d) de cada convolução e subamostragem.
_BLOCO = [(3, 1, 1)] * 2
CAMINHO_REDE_MODERNA = ([(3, 1, 1), (2, 2, 1)] + _BLOCO + [(2, 2, 1), (3, 1, 1)] + _BLOCO
                        + [(2, 2, 1), (3, 1, 1)] + _BLOCO)
ex1 = prontas.campo_receptivo("09", "ex1", "Qual o campo receptivo (por dimensão) da saída de "
                              "etapa3 da RedeModerna, pelo caminho mais longo?",
                              CAMINHO_REDE_MODERNA)


def parametros_rede_moderna(c1: int, c2: int, c3: int, num_classes: int = 10) -> int:
    """Parâmetros da ``RedeModerna(canais=(c1, c2, c3))``, pela conta das camadas.

    Convoluções 3×3 sem viés (9·C_in·C_out), duas por ``BatchNorm2d`` (γ, β) e a saída densa.
    """
    conv_bn = lambda a, b: 9 * a * b + 2 * b  # noqa: E731
    bloco = lambda c: 2 * conv_bn(c, c)  # noqa: E731
    return (conv_bn(1, c1) + bloco(c1) + conv_bn(c1, c2) + bloco(c2) + conv_bn(c2, c3)
            + bloco(c3) + c3 * num_classes + num_classes)


_ORCAMENTO = 30_000


def _dobra_e_cabe(canais: tuple[int, ...]) -> bool:
    c1, c2, c3 = canais
    return c1 >= 1 and c2 == 2 * c1 and c3 == 2 * c2 and parametros_rede_moderna(*canais) <= _ORCAMENTO


def _pontos(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_MAIOR_C1 = max(c for c in range(1, 64) if _dobra_e_cabe((c, 2 * c, 4 * c)))
_PARAMS_MAIOR = parametros_rede_moderna(_MAIOR_C1, 2 * _MAIOR_C1, 4 * _MAIOR_C1)
_PARAMS_SEGUINTE = parametros_rede_moderna(_MAIOR_C1 + 1, 2 * _MAIOR_C1 + 2, 4 * _MAIOR_C1 + 4)
ex2 = Pergunta(
    "09", "ex2", "Projete os canais (C₁, C₂, C₃) de uma RedeModerna com no máximo 30.000 "
    "parâmetros em que cada etapa dobra os canais da anterior.", Tupla(3),
    (_MAIOR_C1, 2 * _MAIOR_C1, 4 * _MAIOR_C1), aceitar=_dobra_e_cabe,
    equivocos=[
        Equivoco("passou_do_orcamento", "Esses canais dobram, mas passam de 30.000 parâmetros: "
                 "confira com contar_parametros(modernas.RedeModerna(canais=...)).",
                 (_MAIOR_C1 + 1, 2 * _MAIOR_C1 + 2, 4 * _MAIOR_C1 + 4)),
        Equivoco("sem_dobrar", "Cada etapa deve dobrar os canais: C₂ = 2·C₁ e C₃ = 2·C₂.",
                 (_MAIOR_C1, _MAIOR_C1, _MAIOR_C1)),
    ],
    dica="o custo é dominado pelas convoluções 3×3 da última etapa (≈ 9·C₃² cada); experimente "
         "C₁ = 8 e vá subindo, contando com contar_parametros.",
    solucao=f"qualquer (c, 2c, 4c) com c de 1 a {_MAIOR_C1}; a maior é ({_MAIOR_C1}, "
            f"{2 * _MAIOR_C1}, {4 * _MAIOR_C1}), com {_pontos(_PARAMS_MAIOR)} parâmetros (com "
            f"c = {_MAIOR_C1 + 1}, já são {_pontos(_PARAMS_SEGUINTE)}).")

_K, _CM = 3, 256
ex3 = Pergunta(
    "09", "ex3", "Na MobileNet, uma convolução 3×3 de 256 para 256 canais vira o bloco separável "
    "(em profundidade 3×3 e pontual 1×1). Quantas vezes menos multiplicações-e-somas ele faz, no "
    "mesmo mapa?", Real(rtol=5e-3), (_K * _K * _CM * _CM) / (_K * _K * _CM + _CM * _CM),
    equivocos=[
        Equivoco("limite_k2", "k² = 9 é o limite quando os canais são muitos; com 256, a "
                 "pontual ainda pesa: 9·256² / (9·256 + 256²).", 9.0),
        Equivoco("invertida", "Essa é a razão ao contrário (bloco separável / comum): a comum "
                 "faz mais contas, então a resposta é maior que 1.",
                 (_K * _K * _CM + _CM * _CM) / (_K * _K * _CM * _CM)),
    ],
    dica="por posição: k²·C_in·C_out na comum; k²·C_in + C_in·C_out no bloco separável.",
    solucao="9·256² / (9·256 + 256²) = 589.824 / 67.840 ≈ 8,69 vezes.")

ex4 = Pergunta(
    "09", "ex4", "Quando F(x) muda de 32 para 64 canais e divide o lado por 2, a ResNet leva x "
    "pelo atalho com uma convolução 1×1 de passo 2 (projeção), sem viés. Quantos pesos ela tem?",
    Inteiro(), 32 * 64,
    equivocos=[
        Equivoco("projecao_3x3", "A projeção é 1×1: um peso por par de canais, não 9.", 9 * 32 * 64),
        Equivoco("com_vies", "Sem viés (uma BatchNorm2d vem depois): só os 32·64 pesos.",
                 32 * 64 + 64),
        Equivoco("passo_nos_pesos", "O passo muda o tamanho da saída, não o número de pesos.",
                 32 * 64 * 4),
    ],
    dica="uma convolução 1×1 de C_in para C_out tem C_out·C_in pesos, com qualquer passo.",
    solucao="64·32·1·1 = 2.048 pesos.")

# RedeModerna numa entrada 28×28: três subamostragens 2×2 (piso) antes de etapa3.
_LADO_28 = formulas.tamanho_saida_pool(formulas.tamanho_saida_pool(
    formulas.tamanho_saida_pool(28, 2), 2), 2)
ex5 = Pergunta(
    "09", "ex5", "Sem o preenchimento (entrada 28×28), qual o formato (C, H, W) do mapa que "
    "chega à média global da RedeModerna padrão (C₃ = 48)?", Tupla(3), (48, _LADO_28, _LADO_28),
    equivocos=[
        Equivoco("entrada_32", "Esse é o formato com a entrada 32×32 (ou com teto em vez de piso). "
                 "Com 28 e o piso da subamostragem 2×2: 28 → 14 → 7 → 3.", (48, 4, 4)),
        Equivoco("cabeca_fixa", "A média global aceita qualquer H × W; os canais são os 48 de "
                 "etapa3, e H = W = 3.", (48, 1, 1)),
    ],
    dica="as convoluções têm preenchimento 1 e não mudam o lado; cada subamostragem faz ⌊n/2⌋.",
    solucao="28 → 14 → 7 → 3: (48, 3, 3). A média global devolve 48 números, como com 32×32.")
