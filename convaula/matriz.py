"""A convolução escrita como uma matriz densa: ``M @ x.reshape(-1) == F.conv(x).reshape(-1)``.

Cada linha de ``M`` é uma posição de saída (de um canal de saída); cada coluna, uma
posição de entrada (de um canal de entrada). Os pesos do kernel aparecem repetidos em
todas as linhas (compartilhamento de pesos) e quase todo o resto é zero (esparsidade).
A convolução transposta é a multiplicação por ``M.T``.

A matriz é montada por aritmética de índices, sem laço em Python sobre as posições de
saída: para cada (canal de saída, canal de entrada, posição do kernel, posição de saída)
calcula-se a posição de entrada lida, i = t·s − p + j·d, e as que caem no padding somem.

Notebooks: 01 (matriz de banda), 04 (convolução como matriz), 05 (transposta).
"""

from __future__ import annotations

import math
from typing import Union

import torch

from ._argumentos import Tamanho, inteiro, par, por_dimensao, positivo, tupla
from .formulas import padding_same, tamanho_saida
from .janela import posicao_lida

__all__ = ["matriz_conv", "matriz_conv1d", "matriz_conv2d"]


def _paddings(padding, kernel: list[int], dilation: list[int], dims: int):
    """Padding de cada dimensão como (antes, depois), aceitando 'valid' e 'same' (já validados)."""
    if padding == "valid":
        return [(0, 0)] * dims
    if padding == "same":
        return [padding_same(k, d) for k, d in zip(kernel, dilation)]
    return [(p, p) for p in por_dimensao("padding", padding, dims)]


def _validar_peso(peso: torch.Tensor, dims: int, groups: int) -> torch.Tensor:
    """Confere o tipo e a forma de ``peso``; um kernel só espacial vira (1, 1, ...)."""
    if not isinstance(peso, torch.Tensor):
        raise TypeError(f"peso deve ser um torch.Tensor, mas recebeu {type(peso).__name__}")
    if peso.ndim == dims:
        peso = peso.reshape(1, 1, *peso.shape)
    if peso.ndim != dims + 2:
        formato = ", ".join(["C_out", "C_in/groups"] + [f"k{i}" for i in range(dims)])
        raise ValueError(
            f"peso deve ter {dims + 2} dimensões ({formato}) ou {dims} (um núcleo de um canal), "
            f"mas recebeu peso com forma {tuple(peso.shape)}"
        )
    positivo("groups", groups, "groups")
    if peso.shape[0] % groups != 0:
        raise ValueError(
            f"o número de canais de saída C_out={peso.shape[0]} (peso.shape[0]) deve ser "
            f"divisível por groups={groups}"
        )
    if 0 in peso.shape:
        raise ValueError(f"peso não pode ter dimensão vazia, mas tem forma {tuple(peso.shape)}")
    return peso


def matriz_conv(
    peso: torch.Tensor,
    tamanho: Tamanho,
    stride: Tamanho = 1,
    padding: Union[Tamanho, str] = 0,
    dilation: Tamanho = 1,
    groups: int = 1,
) -> torch.Tensor:
    """Matriz densa de uma convolução com qualquer número de dimensões espaciais.

    Parâmetros
    ----------
    peso : tensor (C_out, C_in/groups, k₁, ..., k_D), como ``conv.weight``.
    tamanho : tamanho espacial da entrada, int (D = 1) ou tupla de D inteiros.
    stride, padding, dilation, groups : como em ``F.conv1d/2d/3d`` (padding aceita 'valid'/'same').

    Retorna
    -------
    ``M`` com forma (C_out·∏n_out, C_in·∏n), no dtype e device de ``peso``, tal que
    ``M @ x.reshape(-1)`` é igual a ``F.convND(x[None], peso, ...).reshape(-1)`` para x de
    forma (C_in, n₁, ..., n_D), achatado na ordem do PyTorch (canal, depois linhas, colunas).
    """
    tam = list(tupla("tamanho", tamanho))
    groups = inteiro("groups", groups)
    peso = _validar_peso(peso, len(tam), groups)
    geo = _geometria(peso, tam, stride, padding, dilation)
    linhas, colunas, valores = _entradas(peso, geo, groups)
    c_out, c_in = peso.shape[0], peso.shape[1] * groups

    n_linhas = c_out * math.prod(geo["saida"])
    n_colunas = c_in * math.prod(geo["tam"])
    m = torch.zeros(n_linhas, n_colunas, dtype=peso.dtype, device=peso.device)
    # Cada par (linha, coluna) aparece uma vez só: numa linha, o canal de entrada fixa c e a
    # posição lida fixa j (d >= 1). Por isso basta atribuir, sem acumular.
    m[linhas, colunas] = valores
    return m


def matriz_conv1d(
    peso: torch.Tensor,
    n: int,
    stride: int = 1,
    padding: Union[int, str] = 0,
    dilation: int = 1,
    groups: int = 1,
) -> torch.Tensor:
    """Matriz (C_out·n_out, C_in·n) de ``F.conv1d`` para uma entrada de comprimento ``n``.

    ``peso`` tem forma (C_out, C_in/groups, k); um kernel 1-D (k,) significa um canal de
    entrada e um de saída. Notebooks 01 e 04.

    Exemplo: ``matriz_conv1d(torch.tensor([1., 2., 3.]), 7, padding=1)`` é a matriz 7×7 de
    banda com linhas [2, 3, 0, ...], [1, 2, 3, 0, ...], ...
    """
    return matriz_conv(peso, inteiro("n", n), stride, padding, dilation, groups)


def matriz_conv2d(
    peso: torch.Tensor,
    tamanho: Tamanho,
    stride: Tamanho = 1,
    padding: Union[Tamanho, str] = 0,
    dilation: Tamanho = 1,
    groups: int = 1,
) -> torch.Tensor:
    """Matriz (C_out·H_out·W_out, C_in·H·W) de ``F.conv2d`` para uma entrada ``tamanho = (H, W)``.

    ``peso`` tem forma (C_out, C_in/groups, k_h, k_w); um kernel 2-D significa um canal.
    Um int em ``tamanho`` vale para altura e largura. Notebooks 04 e 05.
    """
    return matriz_conv(peso, par("tamanho", tamanho), stride, padding, dilation, groups)


def _geometria(peso: torch.Tensor, tam: list, stride, padding, dilation) -> dict:
    """Valida (inclusive o padding em texto) e devolve tamanhos, passos, dilatações e paddings."""
    dims = len(tam)
    tam = por_dimensao("tamanho", tam, dims)
    kernel = list(peso.shape[2:])
    s = por_dimensao("stride", stride, dims)
    d = por_dimensao("dilation", dilation, dims)
    # Em 1D passa ints, para as mensagens dizerem "kernel_size=5" e não "kernel_size[0]=5".
    junta = (lambda v: v[0]) if dims == 1 else tuple  # noqa: E731
    p = padding if isinstance(padding, str) else junta(por_dimensao("padding", padding, dims))
    saida = tamanho_saida(junta(tam), junta(kernel), junta(s), p, junta(d))
    saida = [saida] if dims == 1 else list(saida)
    return {"tam": tam, "kernel": kernel, "s": s, "d": d, "saida": saida,
            "pads": _paddings(padding, kernel, d, dims)}


def _entradas(peso: torch.Tensor, geo: dict, groups: int):
    """(linhas, colunas, valores) das entradas não nulas da matriz, sem laço sobre posições."""
    tam, kernel, s, d, saida, pads = (geo[c] for c in ("tam", "kernel", "s", "d", "saida", "pads"))
    dims = len(tam)
    c_out, c_por_grupo = peso.shape[0], peso.shape[1]
    saida_por_grupo = c_out // groups
    dev = peso.device
    # Grades de índices: (o, c, j₁..j_D, t₁..t_D), todas em broadcast.
    eixos = [c_out, c_por_grupo] + kernel + saida
    grade = lambda n, eixo: torch.arange(n, device=dev).reshape(  # noqa: E731
        [n if e == eixo else 1 for e in range(len(eixos))]
    )
    o, c = grade(c_out, 0), grade(c_por_grupo, 1)
    canal_entrada = (o // saida_por_grupo) * c_por_grupo + c
    linha, coluna = o, canal_entrada
    valido = torch.ones((), dtype=torch.bool, device=dev)
    for i in range(dims):
        j, t = grade(kernel[i], 2 + i), grade(saida[i], 2 + dims + i)
        pos = posicao_lida(t, j, s[i], pads[i][0], d[i])  # a regra da janela, em broadcast
        valido = valido & (pos >= 0) & (pos < tam[i])
        linha = linha * saida[i] + t
        coluna = coluna * tam[i] + pos
    forma = eixos
    valido = valido.expand(forma)
    linhas = linha.expand(forma)[valido]
    colunas = coluna.expand(forma)[valido]
    valores = peso.reshape([c_out, c_por_grupo] + kernel + [1] * dims).expand(forma)[valido]
    return linhas, colunas, valores
