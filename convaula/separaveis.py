"""Convoluções separáveis: o teste do posto (SVD) e o bloco em profundidade + pontual.

- ``posto`` e ``separar``: um núcleo 2D é separável (produto externo de uma coluna por uma
  linha) exatamente quando o seu posto é 1; a decomposição em valores singulares (SVD) dá
  o posto e os dois fatores;
- ``bloco_separavel``: convolução em profundidade (*depthwise*, ``groups = C_in``) seguida
  de uma convolução pontual 1×1 (*pointwise*), como em Xception e MobileNet;
- os custos que o notebook compara com uma convolução comum (``contar_parametros`` e
  ``contar_flops``) moram em ``convaula.contagem``, que todas as alas usam;
- ``mediana_do_tempo``: o tempo de uma passada, só como ilustração (depende da máquina e da
  carga; o número de *threads* do torch volta ao que era no fim).

Notebook 06.
"""

from __future__ import annotations

import time
from typing import Union

import torch
from torch import nn

from ._argumentos import booleano, exigir, inteiro, numero, positivo, tensor
from ._argumentos import modulo as _modulo
from .formulas import validar_parametros

__all__ = ["bloco_separavel", "mediana_do_tempo", "posto", "separar"]


def _peso_2d(peso) -> torch.Tensor:
    peso = tensor("peso", peso, 2, 2, forma="(k_h, k_w), uma matriz 2D")
    exigir(0 not in peso.shape, f"peso não pode ser vazio, mas tem forma {tuple(peso.shape)}")
    if not peso.is_floating_point():
        peso = peso.to(torch.get_default_dtype())
    return peso


def posto(peso: torch.Tensor, tol: float | None = None) -> int:
    """Posto de um núcleo 2D: quantos valores singulares passam de ``tol``·σ_max.

    Parâmetros
    ----------
    peso : tensor (k_h, k_w), os pesos do núcleo.
    tol : tolerância relativa ao maior valor singular; ``None`` usa max(k_h, k_w)·ε do dtype,
        o mesmo critério de ``torch.linalg.matrix_rank``.

    Retorna
    -------
    int; 0 para o núcleo nulo, 1 para um núcleo separável.

    Exemplo: ``posto(torch.tensor([[1., 0., -1.], [2., 0., -2.], [1., 0., -1.]])) == 1`` (Sobel).
    """
    peso = _peso_2d(peso)
    if tol is None:
        tol = max(peso.shape) * torch.finfo(peso.dtype).eps
    else:
        tol = numero("tol", tol, minimo=0)
    sigma = torch.linalg.svdvals(peso)
    if sigma[0] == 0:
        return 0
    return int((sigma > tol * sigma[0]).sum())


def separar(peso: torch.Tensor, tol: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Fatores (coluna, linha) de um núcleo separável: ``peso == torch.outer(coluna, linha)``.

    Usa o primeiro par de vetores singulares, cada um escalado por √σ₁; o sinal é escolhido
    para que o maior elemento (em módulo) da coluna seja positivo.

    Parâmetros
    ----------
    peso : tensor (k_h, k_w) de posto 1.
    tol : como em ``posto``.

    Retorna
    -------
    ``(coluna, linha)``, tensores de formas (k_h,) e (k_w,).

    Levanta ``ValueError`` se o posto não for 1 (o núcleo não é separável).
    """
    peso = _peso_2d(peso)
    r = posto(peso, tol)
    if r != 1:
        raise ValueError(
            f"o núcleo não é separável: separar exige posto 1 (um único valor singular não nulo), "
            f"mas o núcleo de forma {tuple(peso.shape)} tem posto {r}"
        )
    u, sigma, vh = torch.linalg.svd(peso)
    escala = sigma[0].sqrt()
    coluna, linha = u[:, 0] * escala, vh[0] * escala
    if coluna[coluna.abs().argmax()] < 0:
        coluna, linha = -coluna, -linha
    return coluna, linha


def bloco_separavel(
    in_channels: int,
    out_channels: int,
    kernel_size: Union[int, tuple[int, int]],
    stride: Union[int, tuple[int, int]] = 1,
    padding: Union[int, tuple[int, int], str] = 0,
    dilation: Union[int, tuple[int, int]] = 1,
    bias: bool = True,
) -> nn.Sequential:
    """Convolução separável em profundidade: ``Conv2d(groups=in_channels)`` e depois ``Conv2d`` 1×1.

    Parâmetros
    ----------
    in_channels, out_channels : canais de entrada e de saída (os nomes de ``nn.Conv2d``).
    kernel_size, stride, padding, dilation : da convolução em profundidade, como em ``nn.Conv2d``.
    bias : se as duas convoluções têm viés.

    Retorna
    -------
    ``nn.Sequential`` com os módulos ``profundidade`` (C_in filtros k×k, um por canal) e
    ``pontual`` (C_out filtros 1×1 que misturam os canais). Sem viés, tem k²·C_in + C_in·C_out
    parâmetros, contra k²·C_in·C_out de ``nn.Conv2d(in_channels, out_channels, kernel_size)``.
    """
    for nome, valor in (("in_channels", in_channels), ("out_channels", out_channels)):
        positivo(nome, inteiro(nome, valor), nome)
    booleano("bias", bias)
    validar_parametros(kernel_size, stride, padding, dilation)
    bloco = nn.Sequential()
    bloco.add_module("profundidade", nn.Conv2d(in_channels, in_channels, kernel_size, stride=stride,
                                               padding=padding, dilation=dilation, groups=in_channels,
                                               bias=bias))
    bloco.add_module("pontual", nn.Conv2d(in_channels, out_channels, 1, bias=bias))
    return bloco


def mediana_do_tempo(modulo: nn.Module, x: torch.Tensor, repeticoes: int = 7, threads: int = 1) -> float:
    """Mediana, em segundos, de ``repeticoes`` passadas de ``modulo`` em ``x`` (depois de uma de aquecimento).

    Mede com ``time.perf_counter`` usando ``threads`` *threads* do torch e devolve o número de
    *threads* ao valor de antes, mesmo se a passada falhar. O tempo depende da máquina e da
    carga: serve de ilustração, nunca de teste. Notebook 06.
    """
    modulo = _modulo("modulo", modulo)
    repeticoes = inteiro("repeticoes", repeticoes, minimo=1)
    threads = inteiro("threads", threads, minimo=1)
    antes = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with torch.no_grad():
            modulo(x)                                       # aquecimento
            medidas = []
            for _ in range(repeticoes):
                inicio = time.perf_counter()
                modulo(x)
                medidas.append(time.perf_counter() - inicio)
    finally:
        torch.set_num_threads(antes)
    return sorted(medidas)[len(medidas) // 2]
