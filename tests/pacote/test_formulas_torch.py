"""As fórmulas de convaula contra as formas de saída das camadas reais do PyTorch.

Configurações aleatórias com semente fixa: para cada uma, a camada do torch roda numa
entrada de zeros. Se o torch aceita, o tamanho tem de ser o mesmo; se o torch recusa,
convaula tem de levantar ``ValueError``. Os contadores garantem que as duas situações
aparecem muitas vezes (um teste que nunca vê uma recusa não prova nada sobre recusas).
"""

from __future__ import annotations

import random

import pytest
import torch
from torch import nn

from convaula import tamanho_saida, tamanho_saida_pool, tamanho_saida_transposta

N_CONFIGS = 400  # por família: conv, transposta, pooling (1.200 no total)


def _forma_torch(camada: nn.Module, dims: int, n: tuple[int, ...]):
    """Forma espacial da saída da camada, ou None se o torch recusar a configuração."""
    try:
        with torch.no_grad():
            y = camada(torch.zeros(1, 1, *n))
    except (RuntimeError, ValueError):
        return None
    if y.numel() == 0:
        # A transposta do torch às vezes devolve um tensor vazio (tamanho 0) em vez de
        # recusar; convaula recusa toda saída menor que 1, como pede o curso.
        return None
    return tuple(y.shape[2:])


def _sorteia(rng: random.Random, dims: int, lo: int, hi: int) -> tuple[int, ...]:
    return tuple(rng.randint(lo, hi) for _ in range(dims))


def _n_max(dims: int) -> int:
    return {1: 30, 2: 14, 3: 7}[dims]


def _comparar(nome: str, esperado, chamar) -> str | None:
    """Compara convaula com o torch; devolve a descrição da divergência ou None."""
    try:
        obtido = chamar()
    except ValueError:
        obtido = None
    if obtido is not None and not isinstance(obtido, tuple):
        obtido = (obtido,)
    if obtido != esperado:
        return f"{nome}: torch={esperado} convaula={obtido}"
    return None


def _conv(rng: random.Random, camadas=(nn.Conv1d, nn.Conv2d, nn.Conv3d)):
    dims = rng.randint(1, 3)
    n = _sorteia(rng, dims, 1, _n_max(dims))
    k = _sorteia(rng, dims, 1, 6)
    s = _sorteia(rng, dims, 1, 4)
    d = _sorteia(rng, dims, 1, 3)
    if rng.random() < 0.15:
        p = rng.choice(["valid", "same"])
        if p == "same" and rng.random() < 0.5:
            s = (1,) * dims  # 'same' só é aceito com passo 1; às vezes testa a recusa
    else:
        p = _sorteia(rng, dims, 0, 3)
    camada = camadas[dims - 1](1, 1, k, stride=s, padding=p, dilation=d) if not (
        p == "same" and s != (1,) * dims) else None
    desc = f"conv{dims}d n={n} k={k} s={s} p={p} d={d}"
    return camada, dims, n, desc, lambda: tamanho_saida(n, k, s, p, d)


def _transposta(rng: random.Random):
    dims = rng.randint(1, 3)
    n = _sorteia(rng, dims, 1, _n_max(dims) // 2 + 1)
    k = _sorteia(rng, dims, 1, 5)
    s = _sorteia(rng, dims, 1, 3)
    d = _sorteia(rng, dims, 1, 3)
    p = _sorteia(rng, dims, 0, 3)
    op = _sorteia(rng, dims, 0, 3)
    classe = (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)[dims - 1]
    camada = classe(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d)
    desc = f"transposta{dims}d n={n} k={k} s={s} p={p} op={op} d={d}"
    return camada, dims, n, desc, lambda: tamanho_saida_transposta(n, k, s, p, op, d)


def _pool(rng: random.Random):
    dims = rng.randint(1, 3)
    n = _sorteia(rng, dims, 1, _n_max(dims))
    k = _sorteia(rng, dims, 1, 5)
    s = _sorteia(rng, dims, 1, 4) if rng.random() < 0.7 else None
    p = _sorteia(rng, dims, 0, 2)
    ceil = rng.random() < 0.5
    if rng.random() < 0.5:
        d = _sorteia(rng, dims, 1, 3)
        classe = (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d)[dims - 1]
        camada = classe(k, stride=s, padding=p, dilation=d, ceil_mode=ceil)
    else:
        d = (1,) * dims
        classe = (nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d)[dims - 1]
        camada = classe(k, stride=s, padding=p, ceil_mode=ceil)
    if classe is nn.AvgPool3d:
        # Única exceção documentada: o AvgPool3d recusa n < k mesmo com padding.
        n = tuple(max(ni, ki) for ni, ki in zip(n, k))
    desc = f"{classe.__name__} n={n} k={k} s={s} p={p} d={d} ceil={ceil}"
    return camada, dims, n, desc, lambda: tamanho_saida_pool(n, k, s, p, d, ceil)


@pytest.mark.parametrize("familia, semente", [(_conv, 1), (_transposta, 2), (_pool, 3)],
                         ids=["conv", "transposta", "pooling"])
def test_configuracoes_aleatorias_iguais_ao_torch(familia, semente):
    rng = random.Random(semente)
    divergencias, aceitas, recusadas = [], 0, 0
    for _ in range(N_CONFIGS):
        camada, dims, n, desc, chamar = familia(rng)
        esperado = None if camada is None else _forma_torch(camada, dims, n)
        aceitas += esperado is not None
        recusadas += esperado is None
        erro = _comparar(desc, esperado, chamar)
        if erro:
            divergencias.append(erro)
    assert not divergencias, f"{len(divergencias)} divergências, por exemplo:\n" + "\n".join(divergencias[:10])
    # Cada família precisa exercitar bastante os dois lados: aceitas e recusadas.
    assert aceitas >= N_CONFIGS // 4 and recusadas >= N_CONFIGS // 20, (aceitas, recusadas)


def test_padding_same_com_stride_e_recusado_como_no_torch():
    """O torch recusa ``nn.Conv2d(1, 1, 3, stride=2, padding="same")``; as fórmulas também."""
    with pytest.raises(ValueError, match="stride"):
        tamanho_saida(8, 3, stride=2, padding="same")
