"""O passo de otimização (propagação para frente, retropropagação, atualização do SGD),
comum, compilado ou gravado num grafo CUDA.

Numa rede pequena como a LeNet-5, a GPU faz a conta de um lote em microssegundos; o que
pesa é o Python que lança cada um dos muitos *kernels* da GPU pequenos do passo de
otimização. Um grafo CUDA (``torch.cuda.CUDAGraph``) grava o passo de otimização inteiro uma
vez e depois o repete com uma única chamada, ``grafo.replay()``. ``convaula.lenet.treino`` e
``scripts/benchmark_treino.py`` usam ``criar_passo``. Notebook 08 (apêndice "o que deixa o
treino rápido").
"""

from __future__ import annotations

from typing import Callable, Union

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["criar_passo"]

Passo = Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


def _frente_e_tras(modelo: nn.Module, otimizador: torch.optim.Optimizer, frente,
                   xb: torch.Tensor, yb: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Propagação para frente, perda, retropropagação e ``step``.

    Devolve (soma das perdas, acertos) sem sincronizar com o dispositivo.
    """
    perda, acertos = frente(xb, yb)
    otimizador.zero_grad(set_to_none=True)
    perda.backward()
    otimizador.step()
    return perda.detach() * len(yb), acertos


def _fotografar(modelo: nn.Module, otimizador: torch.optim.Optimizer):
    """Cópia dos pesos, buffers e estado do otimizador (para desfazer o aquecimento do grafo)."""
    estado = {id(p): {k: v.clone() for k, v in s.items() if torch.is_tensor(v)}
              for p, s in otimizador.state.items()}
    return {k: v.clone() for k, v in modelo.state_dict().items()}, estado


def _restaurar(modelo: nn.Module, otimizador: torch.optim.Optimizer, foto) -> None:
    """Devolve pesos e estado à fotografia, no lugar (o grafo guarda os endereços)."""
    pesos, estado = foto
    with torch.no_grad():
        for k, v in modelo.state_dict().items():
            v.copy_(pesos[k])
        for p, s in otimizador.state.items():
            for k, v in s.items():
                if torch.is_tensor(v):  # momento criado no aquecimento: zero equivale a "novo"
                    v.copy_(estado[id(p)][k]) if id(p) in estado else v.zero_()


def _gravar_grafo(modelo, otimizador, frente, xb: torch.Tensor, yb: torch.Tensor):
    """Aquece numa stream lateral, grava o passo de otimização num ``CUDAGraph`` e desfaz o
    aquecimento."""
    fixos = (xb.clone(), yb.clone())
    foto = _fotografar(modelo, otimizador)
    lateral = torch.cuda.Stream()
    lateral.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(lateral):
        for _ in range(3):
            _frente_e_tras(modelo, otimizador, frente, *fixos)
    torch.cuda.current_stream().wait_stream(lateral)
    grafo = torch.cuda.CUDAGraph()
    otimizador.zero_grad(set_to_none=True)
    with torch.cuda.graph(grafo):
        saidas = _frente_e_tras(modelo, otimizador, frente, *fixos)
    _restaurar(modelo, otimizador, foto)
    return grafo, fixos, saidas


def criar_passo(modelo: nn.Module, otimizador: torch.optim.SGD, bf16: bool = False,
                compilar: Union[bool, str] = False, grafo_cuda: bool = False) -> Passo:
    """Um passo de otimização: ``passo(xb, yb)`` faz a propagação para frente, a
    retropropagação e ``otimizador.step()``.

    Parâmetros
    ----------
    modelo, otimizador : a rede (já no dispositivo) e o seu ``torch.optim.SGD``.
    bf16 : *autocast* bfloat16 na propagação para frente.
    compilar : ``True`` ou um modo (``"reduce-overhead"``...) passa a propagação para frente
        por ``torch.compile``.
    grafo_cuda : no CUDA, grava o passo de otimização inteiro num grafo CUDA na primeira chamada e o
        repete nas seguintes; lotes de outro tamanho (o último da época) rodam sem grafo.

    Retorna
    -------
    ``passo(xb, yb) -> (soma das perdas do lote, acertos do lote)``, tensores no
    dispositivo, sem sincronizar.
    """
    tipo = next(modelo.parameters()).device.type
    if grafo_cuda and (tipo != "cuda" or compilar):
        raise ValueError(f"grafo_cuda=True exige o modelo no CUDA e compilar=False, mas o modelo "
                         f"está em {tipo!r} e compilar={compilar!r}")

    def frente(xb: torch.Tensor, yb: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.autocast(tipo, dtype=torch.bfloat16, enabled=bf16, cache_enabled=False):
            saida = modelo(xb)
        perda = F.cross_entropy(saida.float(), yb)
        return perda, (saida.argmax(dim=1) == yb).sum()

    if compilar:
        frente = torch.compile(frente, mode=None if compilar is True else compilar)
    gravado = {}

    def passo(xb: torch.Tensor, yb: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if compilar == "reduce-overhead":
            torch.compiler.cudagraph_mark_step_begin()
        if grafo_cuda and not gravado:
            gravado["grafo"], gravado["fixos"], gravado["saidas"] = _gravar_grafo(
                modelo, otimizador, frente, xb, yb)
        if grafo_cuda and xb.shape == gravado["fixos"][0].shape:
            gravado["fixos"][0].copy_(xb)
            gravado["fixos"][1].copy_(yb)
            gravado["grafo"].replay()
            perda, acertos = gravado["saidas"]
            return perda.clone(), acertos.clone()
        perda, acertos = _frente_e_tras(modelo, otimizador, frente, xb, yb)
        return perda, acertos.clone()

    return passo
