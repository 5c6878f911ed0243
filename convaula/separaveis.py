"""Convoluções separáveis: o teste do posto (SVD) e o bloco em profundidade + pontual.

- ``posto`` e ``separar``: um kernel 2D é separável (produto externo de uma coluna por uma
  linha) exatamente quando o seu posto é 1; a decomposição em valores singulares (SVD) dá
  o posto e os dois fatores;
- ``bloco_separavel``: convolução em profundidade (*depthwise*, ``groups = C_in``) seguida
  de uma convolução pontual 1×1 (*pointwise*), como em Xception e MobileNet;
- ``contar_parametros`` e ``contar_flops``: os custos que o notebook compara com uma
  convolução comum (FLOPs medidos por ``torch.utils.flop_counter.FlopCounterMode``);
- ``mediana_do_tempo``: o tempo de uma passada, só como ilustração (depende da máquina e da
  carga; o número de *threads* do torch volta ao que era no fim).

Notebook 06.
"""

from __future__ import annotations

import time
from typing import Union

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from ._argumentos import booleano, inteiro, positivo
from .formulas import validar_parametros

__all__ = ["bloco_separavel", "contar_flops", "contar_parametros", "mediana_do_tempo", "posto", "separar"]


def _kernel_2d(kernel) -> torch.Tensor:
    if not isinstance(kernel, torch.Tensor):
        raise TypeError(f"kernel deve ser um torch.Tensor, mas recebeu {type(kernel).__name__}")
    if kernel.ndim != 2 or 0 in kernel.shape:
        raise ValueError(
            f"kernel deve ser uma matriz 2D (k_h, k_w) não vazia, mas recebeu forma {tuple(kernel.shape)}"
        )
    if not kernel.is_floating_point():
        kernel = kernel.to(torch.get_default_dtype())
    return kernel


def posto(kernel: torch.Tensor, tol: float | None = None) -> int:
    """Posto de um kernel 2D: quantos valores singulares passam de ``tol``·σ_max.

    Parâmetros
    ----------
    kernel : tensor (k_h, k_w).
    tol : tolerância relativa ao maior valor singular; ``None`` usa max(k_h, k_w)·ε do dtype,
        o mesmo critério de ``torch.linalg.matrix_rank``.

    Retorna
    -------
    int; 0 para o kernel nulo, 1 para um kernel separável.

    Exemplo: ``posto(torch.tensor([[1., 0., -1.], [2., 0., -2.], [1., 0., -1.]])) == 1`` (Sobel).
    """
    kernel = _kernel_2d(kernel)
    if tol is None:
        tol = max(kernel.shape) * torch.finfo(kernel.dtype).eps
    elif isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
        raise ValueError(f"tol deve ser um número >= 0, mas recebeu tol={tol!r}")
    sigma = torch.linalg.svdvals(kernel)
    if sigma[0] == 0:
        return 0
    return int((sigma > tol * sigma[0]).sum())


def separar(kernel: torch.Tensor, tol: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Fatores (coluna, linha) de um kernel separável: ``kernel == torch.outer(coluna, linha)``.

    Usa o primeiro par de vetores singulares, cada um escalado por √σ₁; o sinal é escolhido
    para que o maior elemento (em módulo) da coluna seja positivo.

    Parâmetros
    ----------
    kernel : tensor (k_h, k_w) de posto 1.
    tol : como em ``posto``.

    Retorna
    -------
    ``(coluna, linha)``, tensores de formas (k_h,) e (k_w,).

    Levanta ``ValueError`` se o posto não for 1 (o kernel não é separável).
    """
    kernel = _kernel_2d(kernel)
    r = posto(kernel, tol)
    if r != 1:
        raise ValueError(
            f"o núcleo não é separável: separar exige posto 1 (um único valor singular não nulo), "
            f"mas o núcleo de forma {tuple(kernel.shape)} tem posto {r}"
        )
    u, sigma, vh = torch.linalg.svd(kernel)
    escala = sigma[0].sqrt()
    coluna, linha = u[:, 0] * escala, vh[0] * escala
    if coluna[coluna.abs().argmax()] < 0:
        coluna, linha = -coluna, -linha
    return coluna, linha


def bloco_separavel(
    c_in: int,
    c_out: int,
    kernel_size: Union[int, tuple[int, int]],
    stride: Union[int, tuple[int, int]] = 1,
    padding: Union[int, tuple[int, int], str] = 0,
    dilation: Union[int, tuple[int, int]] = 1,
    bias: bool = True,
) -> nn.Sequential:
    """Convolução separável em profundidade: ``Conv2d(groups=c_in)`` e depois ``Conv2d`` 1×1.

    Parâmetros
    ----------
    c_in, c_out : canais de entrada e de saída.
    kernel_size, stride, padding, dilation : da convolução em profundidade, como em ``nn.Conv2d``.
    bias : se as duas convoluções têm viés.

    Retorna
    -------
    ``nn.Sequential`` com os módulos ``profundidade`` (C_in filtros k×k, um por canal) e
    ``pontual`` (C_out filtros 1×1 que misturam os canais). Sem viés, tem k²·C_in + C_in·C_out
    parâmetros, contra k²·C_in·C_out de ``nn.Conv2d(c_in, c_out, kernel_size)``.
    """
    for nome, valor in (("c_in", c_in), ("c_out", c_out)):
        positivo(nome, inteiro(nome, valor), nome)
    booleano("bias", bias)
    validar_parametros(kernel_size, stride, padding, dilation)
    bloco = nn.Sequential()
    bloco.add_module("profundidade", nn.Conv2d(c_in, c_in, kernel_size, stride=stride, padding=padding,
                                               dilation=dilation, groups=c_in, bias=bias))
    bloco.add_module("pontual", nn.Conv2d(c_in, c_out, 1, bias=bias))
    return bloco


def contar_parametros(modulo: nn.Module) -> int:
    """Número de parâmetros treináveis (``requires_grad``) de ``modulo``.

    Exemplo: ``contar_parametros(nn.Conv2d(32, 64, 3, bias=False)) == 3·3·32·64 == 18432``.
    """
    if not isinstance(modulo, nn.Module):
        raise TypeError(f"modulo deve ser um torch.nn.Module, mas recebeu {type(modulo).__name__}")
    return sum(p.numel() for p in modulo.parameters() if p.requires_grad)


def contar_flops(modulo: nn.Module, x: torch.Tensor) -> int:
    """FLOPs de uma passada de ``modulo`` em ``x``, contados por ``FlopCounterMode``.

    Cada multiplicação seguida de soma conta 2 FLOPs; uma convolução sem viés custa
    2·N·C_out·H_out·W_out·(C_in/groups)·k_h·k_w. Nada é impresso e nenhum gradiente é guardado.
    """
    if not isinstance(modulo, nn.Module):
        raise TypeError(f"modulo deve ser um torch.nn.Module, mas recebeu {type(modulo).__name__}")
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"x deve ser um torch.Tensor, mas recebeu {type(x).__name__}")
    contador = FlopCounterMode(display=False)
    with torch.no_grad(), contador:
        modulo(x)
    return int(contador.get_total_flops())


def mediana_do_tempo(modulo: nn.Module, x: torch.Tensor, repeticoes: int = 7, threads: int = 1) -> float:
    """Mediana, em segundos, de ``repeticoes`` passadas de ``modulo`` em ``x`` (depois de uma de aquecimento).

    Mede com ``time.perf_counter`` usando ``threads`` *threads* do torch e devolve o número de
    *threads* ao valor de antes, mesmo se a passada falhar. O tempo depende da máquina e da
    carga: serve de ilustração, nunca de teste. Notebook 06.
    """
    if not isinstance(modulo, nn.Module):
        raise TypeError(f"modulo deve ser um torch.nn.Module, mas recebeu {type(modulo).__name__}")
    repeticoes, threads = inteiro("repeticoes", repeticoes), inteiro("threads", threads)
    if repeticoes < 1 or threads < 1:
        raise ValueError(f"repeticoes e threads devem ser >= 1, mas recebeu repeticoes={repeticoes}, "
                         f"threads={threads}")
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
