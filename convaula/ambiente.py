"""Preparação de um notebook do curso: semente fixa e impressão de tensores previsível.

Nada disso acontece ao importar ``convaula``: cada notebook chama ``preparar()`` na sua
primeira célula de código, para que os números da página sejam sempre os mesmos.

No modo CI (``CONVAULA_CI=1``: os testes e ``curso.py executar``), o PyTorch usa uma *thread*
só. As saídas versionadas deixam de depender do número de núcleos da máquina que as gerou, e
uma máquina ocupada não as torna dezenas de vezes mais lentas: com duas *threads* e o outro
núcleo ocupado, cada operação espera a *thread* que não consegue rodar.
"""

from __future__ import annotations

import random

import numpy as np
import torch

from . import config
from ._argumentos import inteiro

__all__ = ["preparar"]


def preparar(semente: int = 0, precisao: int = 4) -> None:
    """Fixa as sementes (``random``, NumPy, PyTorch) e o formato de impressão dos tensores.

    Parâmetros
    ----------
    semente : semente dos geradores aleatórios.
    precisao : casas decimais ao imprimir tensores (sem notação científica).

    No modo CI (``config.modo_ci()``), também ``torch.set_num_threads(1)``.
    """
    semente, precisao = inteiro("semente", semente, minimo=0), inteiro("precisao", precisao, minimo=0)
    random.seed(semente)
    np.random.seed(semente)
    torch.manual_seed(semente)
    torch.set_printoptions(precision=precisao, sci_mode=False, linewidth=100)
    if config.modo_ci():
        torch.set_num_threads(1)
