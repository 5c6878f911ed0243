"""Por que convolução: as propriedades que o notebook 01 mede em vez de só afirmar.

- ``compor_nucleos`` e ``compor_camadas``: duas convoluções lineares seguidas (sem função de
  ativação entre elas) são uma convolução só, com um núcleo maior que se calcula;
- ``diferenca_equivariancia`` e ``erro_equivariancia``: deslocar a entrada desloca a saída? A
  medida compara ``f(desloca(x))`` com ``desloca(f(x))``; o deslocamento é circular
  (``torch.roll``), para que só a camada, e não o deslocamento, crie efeitos de borda;
- ``conv_com_borda``: a convolução com cada ``padding_mode`` de ``nn.Conv1d``/``nn.Conv2d``
  (``'zeros'``, ``'reflect'``, ``'replicate'``, ``'circular'``) em forma de função.

Tudo é correlação cruzada, como no PyTorch. Notebook 01.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from ._argumentos import inteiro, tensor, texto, tupla
from .funcionais import CAMADAS, CONV

__all__ = ["PADDING_MODES", "compor_camadas", "compor_nucleos", "conv_com_borda",
           "diferenca_equivariancia", "erro_equivariancia"]

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
_MODO_F_PAD = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def _peso(nome: str, peso) -> torch.Tensor:
    return tensor(nome, peso, 3, 5, forma="(C_out, C_in, k...) de 1 a 3 dimensões espaciais")


def compor_nucleos(peso1: torch.Tensor, peso2: torch.Tensor) -> torch.Tensor:
    """O núcleo único de ``conv(conv(x, peso1), peso2)`` (sem preenchimento, passo 1, sem viés).

    Parâmetros
    ----------
    peso1 : (C_meio, C_in, k1...), o peso da primeira convolução.
    peso2 : (C_out, C_meio, k2...), o peso da segunda.

    Retorna
    -------
    Tensor (C_out, C_in, k1 + k2 - 1, ...): em cada par de canais, a convolução *verdadeira*
    (com inversão) dos dois núcleos. Ex.: ``[1, 1]`` seguido de ``[1, -1]`` dá ``[1, 0, -1]``.
    """
    peso1, peso2 = _peso("peso1", peso1), _peso("peso2", peso2)
    if peso1.ndim != peso2.ndim or peso1.shape[0] != peso2.shape[1]:
        raise ValueError(
            f"peso2 deve ter tantos canais de entrada quanto peso1 tem de saída, e as mesmas dimensões: "
            f"recebeu peso1 {tuple(peso1.shape)} e peso2 {tuple(peso2.shape)}"
        )
    espaciais = list(range(2, peso2.ndim))
    borda = []
    for k2 in reversed(peso2.shape[2:]):
        borda += [k2 - 1, k2 - 1]
    entrada = F.pad(peso1.transpose(0, 1), borda)            # (C_in, C_meio, k1 + 2(k2-1)...)
    composto = CONV[len(espaciais)](entrada, peso2.flip(espaciais))  # (C_in, C_out, k1+k2-1...)
    return composto.transpose(0, 1).contiguous()


def compor_camadas(primeira: nn.Module, segunda: nn.Module) -> nn.Module:
    """Uma ``nn.ConvNd`` igual a ``segunda(primeira(x))`` para qualquer ``x``, com o viés composto.

    As duas camadas devem ser ``nn.Conv1d``/``Conv2d``/``Conv3d`` com ``stride=1``,
    ``padding=0``, ``dilation=1`` e ``groups=1``. O viés composto é
    ``b2 + soma de peso2 vezes b1`` (o viés da primeira atravessa a segunda).
    """
    for nome, camada in (("primeira", primeira), ("segunda", segunda)):
        if not isinstance(camada, tuple(CAMADAS.values())):
            raise TypeError(f"{nome} deve ser nn.Conv1d, nn.Conv2d ou nn.Conv3d, "
                            f"mas recebeu {type(camada).__name__}")
        um = (1,) * (camada.weight.ndim - 2)
        if (camada.stride, camada.dilation, camada.groups) != (um, um, 1) or any(camada.padding):
            raise ValueError(f"{nome} deve ter stride=1, padding=0, dilation=1 e groups=1, mas recebeu "
                             f"stride={camada.stride}, padding={camada.padding}, "
                             f"dilation={camada.dilation}, groups={camada.groups}")
    with torch.no_grad():
        peso = compor_nucleos(primeira.weight, segunda.weight)
        tem_vies = primeira.bias is not None or segunda.bias is not None
        unica = type(primeira)(peso.shape[1], peso.shape[0], tuple(peso.shape[2:]), bias=tem_vies)
        unica.weight.copy_(peso)
        if tem_vies:
            b1 = primeira.bias if primeira.bias is not None else torch.zeros(primeira.weight.shape[0])
            b2 = segunda.bias if segunda.bias is not None else torch.zeros(peso.shape[0])
            unica.bias.copy_(b2 + torch.einsum("om...,m->o", segunda.weight, b1))
    return unica


def _deslocar(x: torch.Tensor, deslocamento: tuple[int, ...]) -> torch.Tensor:
    dims = tuple(range(x.ndim - len(deslocamento), x.ndim))
    return torch.roll(x, deslocamento, dims)


def diferenca_equivariancia(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                            deslocamento, deslocamento_saida=None) -> torch.Tensor:
    """``f(desloca(x)) - desloca(f(x))``: zero onde a saída acompanhou o deslocamento da entrada.

    Parâmetros
    ----------
    f : a camada (ou função) sob teste, chamada sem gradiente.
    x : entrada (N, C, ...).
    deslocamento : int (último eixo) ou tupla (os últimos eixos, ex. ``(linhas, colunas)``),
        aplicado com ``torch.roll`` (o que sai por um lado entra pelo outro).
    deslocamento_saida : quanto a saída deveria andar; por padrão, o mesmo da entrada (com
        passo s, use ``deslocamento // s``).
    """
    tensor("x", x, 3)
    d_entrada = tupla("deslocamento", deslocamento)
    d_saida = d_entrada if deslocamento_saida is None else tupla("deslocamento_saida", deslocamento_saida)
    if len(d_saida) != len(d_entrada) or len(d_entrada) > x.ndim - 2:
        raise ValueError(f"deslocamento={deslocamento!r} e deslocamento_saida={deslocamento_saida!r} "
                         f"devem ter o mesmo número de eixos, no máximo os {x.ndim - 2} espaciais de x")
    with torch.no_grad():
        return f(_deslocar(x, d_entrada)) - _deslocar(f(x), d_saida)


def erro_equivariancia(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                       deslocamento, deslocamento_saida=None) -> float:
    """Erro relativo ``‖f(desloca(x)) - desloca(f(x))‖ / ‖f(x)‖``: 0 para equivariância exata.

    Parâmetros como em ``diferenca_equivariancia``. Notebook 01.
    """
    diferenca = diferenca_equivariancia(f, x, deslocamento, deslocamento_saida)
    with torch.no_grad():
        return float(diferenca.norm() / f(x).norm())


def conv_com_borda(x: torch.Tensor, peso: torch.Tensor, padding: int, padding_mode: str = "zeros",
                   bias: torch.Tensor | None = None) -> torch.Tensor:
    """``F.conv1d``/``F.conv2d``/``F.conv3d`` com o ``padding_mode`` das camadas ``nn.ConvNd``.

    Parâmetros
    ----------
    x : entrada (N, C_in, ...); peso : (C_out, C_in, k...); bias : (C_out,) ou None.
    padding : quantos valores acrescentar em cada borda de cada eixo espacial.
    padding_mode : ``'zeros'`` (zeros), ``'reflect'`` (espelho sem repetir a borda),
        ``'replicate'`` (repete o valor da borda) ou ``'circular'`` (o outro lado da imagem).
    """
    peso = _peso("peso", peso)
    padding = inteiro("padding", padding, minimo=0)
    texto("padding_mode", padding_mode, PADDING_MODES)
    tensor("x", x, peso.ndim, peso.ndim, forma="(N, C_in, ...), como o peso")
    preenchida = F.pad(x, [padding] * 2 * (peso.ndim - 2), mode=_MODO_F_PAD[padding_mode])
    return CONV[peso.ndim - 2](preenchida, peso, bias)
