"""Biblioteca de equívocos típicos, calculados pelas próprias fórmulas do curso.

Cada função recebe os parâmetros da pergunta e devolve um ``Equivoco`` com o valor errado
que aquele raciocínio produz — ou ``None`` se o equívoco não se aplica (por exemplo,
"dilatação ignorada" com d = 1) ou se daria uma configuração impossível. Os construtores de
``convaula.exercicios.prontas`` juntam as que se aplicam. Os diagnósticos explicam a ideia
sem entregar o número. Notebooks 03 a 08.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any, Callable, Optional, Sequence

from ..formulas import tamanho_saida, tamanho_saida_transposta
from ..receptivo import campos_receptivos
from .base import Equivoco

__all__ = [
    "campo_dilatacao_ignorada", "campo_sem_espacamento", "campo_soma_dos_nucleos", "dilatacao_ignorada", "flops_vs_multiplicacoes",
    "formula_da_conv_na_transposta", "grupos_nao_dividem", "output_padding_esquecido",
    "p_e_s_trocados", "padding_de_um_lado", "parametros_sem_vies", "passo_ignorado",
    "pesos_cin_cout", "pool_com_passo_1", "sem_mais_um", "sem_piso", "teto_no_lugar_do_piso",
    "transposta_n_vezes_s",
]


def _ou_none(funcao: Callable, *args: Any, **kwargs: Any) -> Optional[Any]:
    try:
        return funcao(*args, **kwargs)
    except ValueError:
        return None


def _eq(codigo: str, diagnostico: str, valor: Any) -> Optional[Equivoco]:
    return None if valor is None else Equivoco(codigo, diagnostico, valor)


def sem_mais_um(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """⌊(n + 2p − d(k−1) − 1)/s⌋ sem o +1 final."""
    valor = (n + 2 * p - d * (k - 1) - 1) // s
    return _eq("sem_mais_um", "Parece que faltou o +1 da fórmula: ⌊(n + 2p − d(k−1) − 1)/s⌋ "
               "conta quantos passos a janela dá depois da primeira posição; o número de posições "
               "é esse valor mais 1 (a primeira posição também conta).", valor if valor >= 1 else None)


def _nao_inteiro(valor: Any) -> bool:
    if isinstance(valor, (tuple, list)):
        return any(_nao_inteiro(v) for v in valor)
    if isinstance(valor, bool) or not isinstance(valor, Real):
        return False
    numero = float(valor)
    return math.isfinite(numero) and not numero.is_integer()


def sem_piso(parametros: Sequence[tuple], tupla: bool = False) -> Optional[Equivoco]:
    """Um tamanho não inteiro: a divisão por s ficou sem o piso ⌊·⌋.

    ``parametros``: (n, k, s, p, d) de cada dimensão; o exemplo é a conta sem o piso e o
    predicado reconhece qualquer resposta com um número não inteiro (antes de normalizar)."""
    valores = [(n + 2 * p - d * (k - 1) - 1) / s + 1 for n, k, s, p, d in parametros]
    if not any(_nao_inteiro(v) for v in valores):
        return None
    valor = tuple(valores) if tupla else valores[0]
    return Equivoco("sem_piso", "Um tamanho é sempre um número inteiro de posições: parece que "
                    "faltou o piso ⌊·⌋ na divisão por s (a última janela que não cabe inteira é "
                    "descartada).", valor, predicado=_nao_inteiro, cru=True)


def teto_no_lugar_do_piso(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """Arredondou para cima: ⌈(n + 2p − d(k−1) − 1)/s⌉ + 1."""
    valor = math.ceil((n + 2 * p - d * (k - 1) - 1) / s) + 1
    return _eq("teto_no_lugar_do_piso", "Parece que você arredondou para cima. Uma janela que "
               "não cabe inteira na entrada (com preenchimento) é descartada: a divisão por s "
               "usa o piso ⌊·⌋, não o teto.", valor)


def p_e_s_trocados(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """Preenchimento e passo trocados de lugar na fórmula."""
    valor = _ou_none(tamanho_saida, n, k, stride=p, padding=s, dilation=d) if p >= 1 else None
    return _eq("p_e_s_trocados", "Parece que o preenchimento e o passo trocaram de lugar: p soma "
               "(2p, um p de cada lado) no numerador, e s divide o numerador inteiro.", valor)


def dilatacao_ignorada(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """Usou o núcleo sem dilatação (d = 1)."""
    valor = _ou_none(tamanho_saida, n, k, stride=s, padding=p) if d > 1 else None
    return _eq("dilatacao_ignorada", "Parece que a dilatação ficou de fora: com d > 1 o núcleo "
               "alcança d(k−1) + 1 posições, não k.", valor)


def padding_de_um_lado(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """Contou o preenchimento de um lado só (n + p em vez de n + 2p)."""
    valor = (n + p - d * (k - 1) - 1) // s + 1 if p >= 1 and n + p >= d * (k - 1) + 1 else None
    return _eq("padding_de_um_lado", "Parece que o preenchimento entrou uma vez só: padding=p "
               "acrescenta p zeros de cada lado, 2p no total.", valor)


def passo_ignorado(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Optional[Equivoco]:
    """Esqueceu de dividir pelo passo."""
    valor = _ou_none(tamanho_saida, n, k, padding=p, dilation=d) if s > 1 else None
    return _eq("passo_ignorado", "Parece que faltou dividir pelo passo: com s > 1 a janela pula "
               "s posições de cada vez, então o número de posições cai para perto de 1/s.", valor)


def formula_da_conv_na_transposta(n: int, k: int, s: int = 1, p: int = 0, op: int = 0,
                                  d: int = 1) -> Optional[Equivoco]:
    """Usou a fórmula da convolução (que encolhe) numa convolução transposta."""
    return _eq("formula_da_conv_na_transposta", "Essa é a fórmula da convolução comum. A "
               "transposta faz o caminho inverso: (n−1)s − 2p + d(k−1) + output_padding + 1.",
               _ou_none(tamanho_saida, n, k, stride=s, padding=p, dilation=d))


def output_padding_esquecido(n: int, k: int, s: int = 1, p: int = 0, op: int = 0,
                             d: int = 1) -> Optional[Equivoco]:
    """Esqueceu o output_padding da transposta."""
    valor = _ou_none(tamanho_saida_transposta, n, k, s, p, 0, d) if op > 0 else None
    return _eq("output_padding_esquecido", "Parece que o output_padding ficou de fora: ele "
               "acrescenta linhas/colunas no fim da saída da transposta.", valor)


def transposta_n_vezes_s(n: int, k: int, s: int = 1, p: int = 0, op: int = 0,
                         d: int = 1) -> Optional[Equivoco]:
    """Usou n·s em vez de (n − 1)·s."""
    valor = n * s - 2 * p + d * (k - 1) + op + 1 if s > 1 else None
    return _eq("transposta_n_vezes_s", "Parece que você multiplicou n por s. Entre a primeira e "
               "a última das n entradas há n − 1 intervalos, cada um de s posições: (n − 1)s.", valor)


def pool_com_passo_1(n: int, k: int, p: int = 0) -> Optional[Equivoco]:
    """Em nn.MaxPool2d(k), supôs stride=1 (o padrão é stride=kernel_size)."""
    return _eq("pool_com_passo_1", "Parece que você usou passo 1. Na subamostragem (*pooling*) "
               "o passo padrão é o tamanho da janela: nn.MaxPool2d(k) anda k posições por vez.",
               _ou_none(tamanho_saida, n, k, padding=p) if k > 1 else None)


def pesos_cin_cout(forma: Sequence[int]) -> Optional[Equivoco]:
    """Forma dos pesos com os dois primeiros eixos trocados."""
    return _eq("pesos_cin_cout", "Os eixos dos canais estão trocados: o peso de nn.Conv2d tem "
               "forma (out_channels, in_channels // groups, kH, kW) — um núcleo por canal de saída.",
               (forma[1], forma[0], *forma[2:]) if forma[0] != forma[1] else None)


def parametros_sem_vies(total: int, out_channels: int) -> Optional[Equivoco]:
    """Contou só os pesos, esquecendo um viés (*bias*) por canal de saída."""
    return _eq("parametros_sem_vies", "Parece que o viés (*bias*) ficou de fora: cada canal de "
               "saída tem um, então soma out_channels ao número de pesos.", total - out_channels)


def flops_vs_multiplicacoes(multiplicacoes: int, pede_flops: bool) -> Equivoco:
    """Confundiu multiplicações–adições com FLOPs (um fator 2)."""
    if pede_flops:
        return Equivoco("flops_vs_multiplicacoes", "Você contou multiplicações–adições; em FLOPs "
                        "cada uma vale duas operações (uma multiplicação e uma soma).", multiplicacoes)
    return Equivoco("flops_vs_multiplicacoes", "Você contou FLOPs (multiplicação e soma "
                    "separadas); a pergunta quer multiplicações–adições, metade disso.",
                    2 * multiplicacoes)


def grupos_nao_dividem(in_channels: int, out_channels: int) -> Equivoco:
    """Um valor de groups que não divide in_channels ou out_channels (o PyTorch recusa)."""
    ruim = next(g for g in range(2, in_channels * out_channels + 2)
                if in_channels % g or out_channels % g)
    return Equivoco("grupos_nao_dividem", f"groups precisa dividir in_channels = {in_channels} e "
                    f"out_channels = {out_channels}: cada grupo recebe a mesma quantidade de "
                    f"canais. O PyTorch recusa esse valor.", ruim,
                    predicado=lambda g: g >= 1 and (in_channels % g != 0 or out_channels % g != 0))


def campo_sem_espacamento(camadas: Sequence[tuple]) -> Optional[Equivoco]:
    """Somou d(k−1) de cada camada sem multiplicar pelo espaçamento (*jump*) acumulado."""
    parametros = [(tuple(c) + (1, 1))[:3] for c in camadas]
    valor = 1 + sum(d * (k - 1) for k, _, d in parametros)
    certo = campos_receptivos(parametros)[-1].campo
    return _eq("campo_sem_espacamento", "Parece que faltou o espaçamento (*jump*): depois de uma "
               "camada com passo s, vizinhos na saída ficam s posições distantes na entrada, e "
               "cada camada seguinte soma d(k−1) vezes o espaçamento acumulado.",
               valor if valor != certo else None)


def campo_dilatacao_ignorada(camadas: Sequence[tuple]) -> Optional[Equivoco]:
    """Calculou o campo receptivo como se toda dilatação fosse 1."""
    parametros = [(tuple(c) + (1, 1))[:3] for c in camadas]
    sem_d = campos_receptivos([(k, s, 1) for k, s, _ in parametros])[-1].campo
    certo = campos_receptivos(parametros)[-1].campo
    return _eq("campo_dilatacao_ignorada", "Parece que a dilatação ficou de fora: um núcleo de k "
               "pesos com dilatação d alcança d(k−1) + 1 posições, então cada camada soma "
               "d(k−1) (vezes o espaçamento), não k − 1.", sem_d if sem_d != certo else None)


def campo_soma_dos_nucleos(camadas: Sequence[tuple]) -> Optional[Equivoco]:
    """Somou os tamanhos dos núcleos, sem descontar a sobreposição das janelas."""
    parametros = [(tuple(c) + (1, 1))[:3] for c in camadas]
    valor = sum(k for k, _, _ in parametros)
    certo = campos_receptivos(parametros)[-1].campo
    return _eq("campo_soma_dos_nucleos", "Parece que você somou os tamanhos dos núcleos. As "
               "janelas vizinhas se sobrepõem: começando de 1, cada camada acrescenta só d(k−1) "
               "(vezes o espaçamento) posições novas.", valor if valor != certo else None)
