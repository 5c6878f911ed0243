"""A LeNet-5 clássica e uma variante sem subamostragem (para medir o que ela economiza).

As duas são ``nn.Sequential`` com camadas nomeadas como na tabela de LeCun et al. (1998)
(``c1``, ``s2``, ``c3``, ``s4``, ``c5``, ``f6``, ``saida``), para que os mapas de
características de cada camada sejam fáceis de pegar. ``formatos_esperados`` calcula, só
com ``convaula.formulas``, o formato depois de cada camada. Notebook 08.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator

import torch
from torch import nn

from ..formulas import tamanho_saida, tamanho_saida_pool
from .._argumentos import inteiro
from ..contagem import contar_parametros

__all__ = ["ATIVACOES", "LeNet5", "LeNetSemSubamostragem", "TABELA_C3", "formatos_esperados",
           "parametros_conv_esparsa", "parametros_lenet_original", "resumo_torchinfo", "tabela_c3"]

#: Ativações aceitas pelo parâmetro ``ativacao``.
ATIVACOES = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "gelu": nn.GELU}
_POOLINGS = {"avg": nn.AvgPool2d, "max": nn.MaxPool2d}


#: A tabela de conexões da C3 original (LeCun et al., 1998, Tabela I): para cada um dos 16
#: mapas de C3, os mapas de S2 (0 a 5) que ele lê. 6 mapas leem 3 vizinhos, 9 leem 4 e o
#: último lê os 6.
TABELA_C3 = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)


def tabela_c3() -> torch.Tensor:
    """A tabela de conexões da C3 original como matriz booleana (6 mapas de S2 × 16 de C3).

    ``tabela_c3()[i, j]`` diz se o mapa j de C3 lê o mapa i de S2. Notebook 08.
    """
    tabela = torch.zeros(6, len(TABELA_C3), dtype=torch.bool)
    for saida, entradas in enumerate(TABELA_C3):
        tabela[list(entradas), saida] = True
    return tabela


def parametros_conv_esparsa(conexoes: torch.Tensor, kernel_size: int, bias: bool = True) -> int:
    """Parâmetros de uma convolução em que cada saída lê só algumas entradas.

    Parâmetros
    ----------
    conexoes : matriz booleana (C_in, C_out); ``True`` onde a saída lê a entrada.
    kernel_size : lado k do núcleo quadrado (cada conexão tem k² pesos).
    bias : um viés por canal de saída.

    Retorna
    -------
    ``conexoes.sum()·k² + C_out`` (sem o viés, só o primeiro termo). Com a tabela toda
    verdadeira, dá o mesmo que ``nn.Conv2d(C_in, C_out, k)``. Notebook 08.
    """
    if not isinstance(conexoes, torch.Tensor) or conexoes.dim() != 2 or conexoes.dtype != torch.bool:
        raise TypeError("conexoes deve ser um tensor booleano (C_in, C_out), mas recebeu "
                        f"{type(conexoes).__name__} {getattr(conexoes, 'shape', '')}")
    kernel_size = inteiro("kernel_size", kernel_size, minimo=1)
    return int(conexoes.sum()) * kernel_size ** 2 + (conexoes.shape[1] if bias else 0)


def parametros_lenet_original() -> dict[str, int]:
    """Parâmetros treináveis de cada camada da LeNet-5 de 1998, como descrita no artigo.

    C3 usa a ``TABELA_C3``; S2 e S4 têm um coeficiente e um viés treináveis por mapa; a
    saída são 10 unidades RBF com 84 pesos fixos cada (não treinados, por isso fora da
    soma). C1, C5 e F6 são contados nas camadas do PyTorch. Notebook 08.
    """
    return {"c1": contar_parametros(nn.Conv2d(1, 6, 5)), "s2": 2 * 6,
            "c3": parametros_conv_esparsa(tabela_c3(), 5), "s4": 2 * 16,
            "c5": contar_parametros(nn.Conv2d(16, 120, 5)), "f6": contar_parametros(nn.Linear(120, 84))}


def _ativacao(ativacao: str) -> nn.Module:
    if ativacao not in ATIVACOES:
        raise ValueError(f"ativacao deve ser uma de {sorted(ATIVACOES)}, "
                         f"mas recebeu ativacao={ativacao!r}")
    return ATIVACOES[ativacao]()


def _classes(num_classes: int) -> int:
    return inteiro("num_classes", num_classes, minimo=2)


class LeNet5(nn.Sequential):
    """LeNet-5 para entradas 1×32×32: C1 6@28×28, S2 6@14×14, C3 16@10×10, S4 16@5×5, C5 120, F6 84.

    Parâmetros
    ----------
    ativacao : ``"tanh"`` (a original), ``"relu"``, ``"sigmoid"`` ou ``"gelu"``.
    pooling : ``"avg"`` (subamostragem por média, a original) ou ``"max"``.
    batch_norm : acrescenta ``nn.BatchNorm2d`` depois de C1 e C3 e ``nn.BatchNorm1d`` depois de F6.
    num_classes : tamanho da saída.

    Com os padrões tem 61.706 parâmetros. Notebook 08.
    """

    def __init__(self, ativacao: str = "tanh", pooling: str = "avg",
                 batch_norm: bool = False, num_classes: int = 10) -> None:
        if pooling not in _POOLINGS:
            raise ValueError(f"pooling deve ser 'avg' ou 'max', mas recebeu pooling={pooling!r}")
        camadas = [("c1", nn.Conv2d(1, 6, kernel_size=5))]
        camadas += [("bn1", nn.BatchNorm2d(6))] if batch_norm else []
        camadas += [("a1", _ativacao(ativacao)), ("s2", _POOLINGS[pooling](kernel_size=2)),
                    ("c3", nn.Conv2d(6, 16, kernel_size=5))]
        camadas += [("bn3", nn.BatchNorm2d(16))] if batch_norm else []
        camadas += [("a3", _ativacao(ativacao)), ("s4", _POOLINGS[pooling](kernel_size=2)),
                    ("c5", nn.Conv2d(16, 120, kernel_size=5)), ("a5", _ativacao(ativacao)),
                    ("achatar", nn.Flatten()), ("f6", nn.Linear(120, 84))]
        camadas += [("bn6", nn.BatchNorm1d(84))] if batch_norm else []
        camadas += [("a6", _ativacao(ativacao)), ("saida", nn.Linear(84, _classes(num_classes)))]
        super().__init__(OrderedDict(camadas))


class LeNetSemSubamostragem(nn.Sequential):
    """Uma "LeNet" sem subamostragem: convoluções 1→6→16→120 (5×5) e uma camada densa enorme.

    Numa entrada 32×32 os lados ficam 28, 24 e 20, e 120·20·20 = 48.000 características
    entram numa ``nn.Linear(48000, 84)`` — que sozinha tem mais de 4 milhões de pesos.
    Parâmetros como em ``LeNet5`` (sem ``pooling``). Notebook 08.
    """

    def __init__(self, ativacao: str = "tanh", num_classes: int = 10) -> None:
        super().__init__(OrderedDict([
            ("c1", nn.Conv2d(1, 6, kernel_size=5)), ("a1", _ativacao(ativacao)),
            ("c2", nn.Conv2d(6, 16, kernel_size=5)), ("a2", _ativacao(ativacao)),
            ("c3", nn.Conv2d(16, 120, kernel_size=5)), ("a3", _ativacao(ativacao)),
            ("achatar", nn.Flatten()), ("f4", nn.Linear(48_000, 84)), ("a4", _ativacao(ativacao)),
            ("saida", nn.Linear(84, _classes(num_classes))),
        ]))


def _formato_depois(camada: nn.Module, formato: tuple[int, ...]) -> tuple[int, ...]:
    """Formato (sem o lote) depois de ``camada``, calculado pelas fórmulas do curso."""
    if isinstance(camada, nn.Conv2d):
        lado = tamanho_saida(formato[1:], camada.kernel_size, camada.stride,
                             camada.padding, camada.dilation)
        return (camada.out_channels, *lado)
    if isinstance(camada, (nn.MaxPool2d, nn.AvgPool2d)):
        dilation = getattr(camada, "dilation", 1)
        # formato[1:] é uma tupla (H, W): os inteiros da camada valem para as duas dimensões.
        lado = tamanho_saida_pool(formato[1:], camada.kernel_size, camada.stride, camada.padding,
                                  dilation, camada.ceil_mode)
        return (formato[0], *lado)
    if isinstance(camada, nn.Flatten):
        return (int(torch.tensor(formato).prod()),)
    if isinstance(camada, nn.Linear):
        if formato != (camada.in_features,):
            raise ValueError(f"a camada Linear espera {camada.in_features} entradas, "
                             f"mas recebe o formato {formato}")
        return (camada.out_features,)
    return formato  # ativações e normalizações não mudam o formato


def formatos_esperados(modelo: nn.Sequential,
                       entrada: tuple[int, int, int] = (1, 32, 32)) -> dict[str, tuple[int, ...]]:
    """Formato (C, H, W) ou (F,) depois de cada camada nomeada, só com ``tamanho_saida``/``_pool``.

    Parâmetros
    ----------
    modelo : um ``nn.Sequential`` (``LeNet5``, ``LeNetSemSubamostragem``...).
    entrada : formato de uma imagem, sem o lote.

    Retorna
    -------
    Dicionário nome da camada → formato, na ordem das camadas. Notebook 08.
    """
    if not isinstance(modelo, nn.Sequential):
        raise TypeError(f"modelo deve ser um nn.Sequential, mas recebeu {type(modelo).__name__}")
    formatos, formato = {}, tuple(entrada)
    for nome, camada in modelo.named_children():
        formato = _formato_depois(camada, formato)
        formatos[nome] = formato
    return formatos


def resumo_torchinfo(modelo: nn.Module, entrada: tuple[int, int, int] = (1, 32, 32)):
    """A tabela de camadas do ``torchinfo`` (formato de saída e parâmetros) para um lote de 1 imagem.

    Devolve o ``ModelStatistics``; ``print`` mostra a tabela e ``summary_list`` dá as linhas.
    Notebook 08 (confere os formatos calculados por ``formatos_esperados``).
    """
    from torchinfo import summary

    return summary(modelo, input_size=(1, *entrada), col_names=("output_size", "num_params"),
                   row_settings=("var_names",), depth=1, verbose=0, device="cpu")


@contextmanager
def em_avaliacao(modelo: nn.Module) -> Iterator[nn.Module]:
    """Põe ``modelo`` em ``eval()`` dentro do bloco e devolve o modo em que estava ao sair.

    Exemplo: ``with em_avaliacao(modelo): saida = modelo(x)``. Usado por ``treino.avaliar`` e
    pelos gráficos da ala.
    """
    estava_treinando = modelo.training
    modelo.eval()
    try:
        yield modelo
    finally:
        modelo.train(estava_treinando)
