"""Perguntas prontas: tamanho de saída, forma dos pesos, parâmetros e campo receptivo.

Cada construtor calcula a resposta pelas fórmulas do curso, junta os equívocos da
biblioteca que se aplicam aos números dados (descartando os que coincidem com a resposta
certa ou com um equívoco anterior da lista, que tem prioridade) e escreve dica e solução
com os números substituídos. ``dica``/``solucao`` passados substituem os textos automáticos.
Notebooks 03 a 08.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .. import formulas, receptivo
from .._argumentos import Tamanho, expandir, par
from ..formulas import FORMULA_TAMANHO as CONV, conta_tamanho_saida
from . import equivocos as eq
from .base import Equivoco, Pergunta, juntar
from .tipos import Inteiro, Tipo, Tupla

__all__ = ["campo_receptivo", "filtrar", "forma_pesos", "numero_parametros", "tamanho_conv",
           "tamanho_pool", "tamanho_transposta"]

def filtrar(tipo: Tipo, resposta: object, candidatos: Sequence[Optional[Equivoco]]) -> list[Equivoco]:
    """Tira os ``None`` e os que dão a resposta certa; os que dão o mesmo valor de um anterior
    se juntam a ele (a mensagem nomeia os dois raciocínios). Os de resposta crua ficam."""
    ref, escolhidos = tipo.normalizar(resposta), []
    for candidato in candidatos:
        if candidato is None:
            continue
        if candidato.cru:
            escolhidos.append(candidato)
            continue
        valor = tipo.normalizar(candidato.valor)
        if tipo.igual(valor, ref):
            continue
        for i, e in enumerate(escolhidos):
            if not e.cru and e.predicado is None and tipo.igual(valor, tipo.normalizar(e.valor)):
                escolhidos[i] = juntar([e, candidato])
                break
        else:
            escolhidos.append(candidato)
    return escolhidos


def _pergunta(notebook: str, id: str, enunciado: str, tipo: Tipo, resposta: object,
              candidatos: list, dica: str, solucao: str) -> Pergunta:
    return Pergunta(notebook, id, enunciado, tipo, resposta, filtrar(tipo, resposta, candidatos),
                    dica=dica, solucao=solucao)


def _equivoco_por_dimensao(funcao, parametros: list[tuple], certos: list[int],
                           tupla: bool) -> Optional[Equivoco]:
    """Aplica um equívoco de uma dimensão a cada dimensão; as outras ficam certas."""
    achados = [funcao(*p) for p in parametros]
    primeiro = next((e for e in achados if e is not None), None)
    if primeiro is None or not tupla:
        return primeiro
    valor = tuple(e.valor if e is not None else c for e, c in zip(achados, certos))
    return Equivoco(primeiro.codigo, primeiro.diagnostico, valor)


def tamanho_conv(notebook: str, id: str, enunciado: str, n: Tamanho, kernel_size: Tamanho,
                 stride: Tamanho = 1, padding: Tamanho = 0, dilation: Tamanho = 1,
                 dica: str | None = None, solucao: str | None = None) -> Pergunta:
    """Tamanho da saída de uma convolução; com tuplas, a resposta é uma tupla (altura, largura)."""
    dims, v, tupla = expandir(n=n, kernel_size=kernel_size, stride=stride, padding=padding,
                              dilation=dilation)
    parametros = list(zip(*v.values()))  # (n, k, s, p, d) de cada dimensão
    certos = [formulas.tamanho_saida(n_, k, stride=s, padding=p, dilation=d)
              for n_, k, s, p, d in parametros]
    resposta, tipo = (tuple(certos), Tupla(dims)) if tupla else (certos[0], Inteiro())
    candidatos = [_equivoco_por_dimensao(f, parametros, certos, tupla)
                  for f in (eq.sem_mais_um, eq.teto_no_lugar_do_piso, eq.p_e_s_trocados,
                            eq.dilatacao_ignorada, eq.padding_de_um_lado, eq.passo_ignorado)]
    candidatos.append(eq.sem_piso(parametros, tupla))
    contas = "; ".join(f"{conta_tamanho_saida(n_, k, s, p, d)} = {c}"
                       for (n_, k, s, p, d), c in zip(parametros, certos))
    return _pergunta(notebook, id, enunciado, tipo, resposta, candidatos,
                     dica or f"use {CONV} em cada dimensão, com os valores (n, k, s, p, d) dela.",
                     solucao or f"{CONV}: {contas}.")


def tamanho_transposta(notebook: str, id: str, enunciado: str, n: int, kernel_size: int,
                       stride: int = 1, padding: int = 0, output_padding: int = 0,
                       dilation: int = 1, dica: str | None = None,
                       solucao: str | None = None) -> Pergunta:
    """Tamanho da saída de uma convolução transposta (uma dimensão)."""
    a = (n, kernel_size, stride, padding, output_padding, dilation)
    resposta = formulas.tamanho_saida_transposta(*a)
    candidatos = [eq.formula_da_conv_na_transposta(*a), eq.output_padding_esquecido(*a),
                  eq.transposta_n_vezes_s(*a)]
    formula = "(n−1)s − 2p + d(k−1) + output_padding + 1"
    conta = (f"({n}−1)·{stride} − 2·{padding} + {dilation}·({kernel_size}−1) + "
             f"{output_padding} + 1 = {resposta}")
    return _pergunta(notebook, id, enunciado, Inteiro(), resposta, candidatos,
                     dica or f"a transposta aumenta o tamanho: {formula}.",
                     solucao or f"{formula} = {conta}.")


def tamanho_pool(notebook: str, id: str, enunciado: str, n: int, kernel_size: int,
                 stride: int | None = None, padding: int = 0, ceil_mode: bool = False,
                 dica: str | None = None, solucao: str | None = None) -> Pergunta:
    """Tamanho da saída de nn.MaxPool (uma dimensão); ``stride=None`` é o padrão do PyTorch."""
    k, s = kernel_size, kernel_size if stride is None else stride
    resposta = formulas.tamanho_saida_pool(n, k, s, padding, ceil_mode=ceil_mode)
    candidatos = [eq.sem_mais_um(n, k, s, padding), eq.pool_com_passo_1(n, k, padding)
                  if stride is None else None]
    if not ceil_mode:
        candidatos.insert(1, eq.teto_no_lugar_do_piso(n, k, s, padding))
    return _pergunta(notebook, id, enunciado, Inteiro(), resposta, candidatos,
                     dica or f"a subamostragem usa a mesma conta da convolução, com passo "
                     f"padrão igual à janela: {CONV}, k = {k}, s = {s}, p = {padding}.",
                     solucao or f"{conta_tamanho_saida(n, k, s, padding, dilation=None)} = {resposta}"
                     + (" (com ceil_mode=True, teto em vez de piso)." if ceil_mode else "."))


def forma_pesos(notebook: str, id: str, enunciado: str, in_channels: int, out_channels: int,
                kernel_size: int | tuple[int, int], groups: int = 1, dica: str | None = None,
                solucao: str | None = None) -> Pergunta:
    """A forma de ``nn.Conv2d(...).weight``: (out_channels, in_channels // groups, kH, kW)."""
    kh, kw = par("kernel_size", kernel_size)
    resposta = (out_channels, in_channels // groups, kh, kw)
    candidatos = [eq.pesos_cin_cout(resposta)]
    if groups > 1:
        candidatos.append(Equivoco("pesos_sem_grupos", "Com groups > 1 cada núcleo só vê os "
                                   "canais do seu grupo: o segundo eixo é in_channels // groups.",
                                   (out_channels, in_channels, kh, kw)))
    return _pergunta(notebook, id, enunciado, Tupla(4), resposta, candidatos,
                     dica or "um núcleo por canal de saída; cada núcleo cobre os canais de "
                     "entrada do seu grupo e a janela kH × kW.",
                     solucao or f"(out_channels, in_channels // groups, kH, kW) = {resposta}.")


def numero_parametros(notebook: str, id: str, enunciado: str, in_channels: int,
                      out_channels: int, kernel_size: int | tuple[int, int], groups: int = 1,
                      bias: bool = True, dica: str | None = None,
                      solucao: str | None = None) -> Pergunta:
    """Quantos parâmetros treináveis tem ``nn.Conv2d(...)``."""
    kh, kw = par("kernel_size", kernel_size)
    pesos = out_channels * (in_channels // groups) * kh * kw
    resposta = pesos + (out_channels if bias else 0)
    candidatos = [eq.parametros_sem_vies(resposta, out_channels) if bias else None]
    if groups > 1:
        candidatos.append(Equivoco("parametros_sem_grupos", "Com groups > 1 cada núcleo vê só "
                                   "in_channels // groups canais, não todos.",
                                   out_channels * in_channels * kh * kw + (out_channels if bias else 0)))
    conta = f"{out_channels}·({in_channels}/{groups})·{kh}·{kw}" + (f" + {out_channels}" if bias else "")
    return _pergunta(notebook, id, enunciado, Inteiro(), resposta, candidatos,
                     dica or "conte os números do tensor de pesos (out_channels, in_channels // "
                     "groups, kH, kW) e some um viés por canal de saída, se houver.",
                     solucao or f"{conta} = {resposta}.")


def campo_receptivo(notebook: str, id: str, enunciado: str, camadas: Sequence[tuple],
                    dica: str | None = None, solucao: str | None = None) -> Pergunta:
    """Campo receptivo de uma pilha de camadas ``(k, s, d)`` (uma dimensão)."""
    campos = receptivo.campos_receptivos(camadas)
    passos = ", ".join(str(c.campo) for c in campos)
    return _pergunta(notebook, id, enunciado, Inteiro(), campos[-1].campo,
                     [eq.campo_sem_espacamento(camadas), eq.campo_dilatacao_ignorada(camadas),
                      eq.campo_soma_dos_nucleos(camadas)],
                     dica or "comece com r = 1 e espaçamento j = 1; a cada camada, r cresce "
                     "d(k−1)·j e depois j é multiplicado por s.",
                     solucao or f"r = r + d(k−1)·j e j = j·s, camada a camada: r = {passos}.")
