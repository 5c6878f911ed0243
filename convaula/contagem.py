"""Quanto custa um módulo: parâmetros treináveis e FLOPs de uma passada.

Os dois custos que o curso compara (convolução comum × separável no notebook 06, camada densa
× convolução no 01, a LeNet-5 no 08); servem a todas as alas (``lenet``, ``desenho``).
Os FLOPs são medidos por ``torch.utils.flop_counter.FlopCounterMode``, não estimados.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from ._argumentos import modulo as _modulo
from ._argumentos import tensor

__all__ = ["contar_flops", "contar_parametros"]


def contar_parametros(modulo: nn.Module) -> int:
    """Número de parâmetros treináveis (``requires_grad``) de ``modulo``.

    Exemplo: ``contar_parametros(nn.Conv2d(32, 64, 3, bias=False)) == 3·3·32·64 == 18432``.
    """
    return sum(p.numel() for p in _modulo("modulo", modulo).parameters() if p.requires_grad)


def contar_flops(modulo: nn.Module, x: torch.Tensor) -> int:
    """FLOPs de uma passada de ``modulo`` em ``x``, contados por ``FlopCounterMode``.

    Cada multiplicação seguida de soma conta 2 FLOPs; uma convolução sem viés custa
    2·N·C_out·H_out·W_out·(C_in/groups)·k_h·k_w. Nada é impresso e nenhum gradiente é guardado.
    """
    _modulo("modulo", modulo)
    tensor("x", x)
    contador = FlopCounterMode(display=False)
    with torch.no_grad(), contador:
        modulo(x)
    return int(contador.get_total_flops())
