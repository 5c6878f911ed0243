"""Campo receptivo de uma pilha de camadas: quantas posições da entrada uma saída enxerga.

Para cada camada, com núcleo k, passo s e dilatação d, vale a recorrência
r₀ = 1, j₀ = 1; rₗ = rₗ₋₁ + dₗ(kₗ − 1)·jₗ₋₁ e jₗ = jₗ₋₁·sₗ, em que j é o espaçamento
(*jump*): a distância, na entrada, entre duas posições vizinhas da saída da camada.

Notebooks: 03 (campo receptivo e dilatação), 07 (redes reais), 08 (LeNet-5).
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Sequence

from ._argumentos import inteiro, positivo

__all__ = ["Campo", "campo_receptivo", "campos_receptivos"]


class Campo(NamedTuple):
    """Campo receptivo e espaçamento (*jump*) depois de uma camada.

    ``campo``: quantas posições da entrada influenciam uma posição da saída;
    ``espacamento``: distância, na entrada, entre duas posições vizinhas da saída.
    """

    campo: int
    espacamento: int


def _parametros_camada(camada: Any, indice: int) -> tuple[int, int, int]:
    """Lê (k, s, d) de um dicionário, de uma tupla (k, s[, d]) ou de uma camada do torch."""
    if isinstance(camada, dict):
        k, s, d = camada.get("kernel_size"), camada.get("stride", 1), camada.get("dilation", 1)
        if s is None:  # pooling: stride padrão = kernel_size
            s = k
    elif isinstance(camada, (tuple, list)):
        if not 1 <= len(camada) <= 3:
            raise ValueError(
                f"camadas[{indice}] deve ser (kernel_size, stride, dilation), mas recebeu {camada!r}"
            )
        k, s, d = (list(camada) + [1, 1])[:3]
    elif hasattr(camada, "kernel_size"):
        k = camada.kernel_size
        s = getattr(camada, "stride", 1) or k
        d = getattr(camada, "dilation", 1)
    else:
        raise TypeError(
            f"camadas[{indice}] deve ser um dict, uma tupla (k, s, d) ou uma camada do torch, "
            f"mas recebeu {type(camada).__name__}"
        )
    valores = []
    for nome, val in (("kernel_size", k), ("stride", s), ("dilation", d)):
        if isinstance(val, (tuple, list)):  # camadas 2D do torch: usa a primeira dimensão
            if len(set(val)) != 1:
                raise ValueError(
                    f"camadas[{indice}].{nome}={tuple(val)!r} difere entre dimensões; "
                    f"calcule o campo receptivo de cada dimensão separadamente"
                )
            val = val[0]
        val = inteiro(f"camadas[{indice}].{nome}", val)
        positivo(f"camadas[{indice}].{nome}", val, nome[0] if nome != "kernel_size" else "k")
        valores.append(val)
    return tuple(valores)


def campos_receptivos(camadas: Iterable[Any]) -> list[Campo]:
    """Campo receptivo e espaçamento depois de cada camada de uma pilha (uma dimensão).

    Recorrência: r₀ = 1, j₀ = 1; rₗ = rₗ₋₁ + dₗ(kₗ − 1)·jₗ₋₁ e jₗ = jₗ₋₁·sₗ.
    O padding não muda o campo receptivo. Cada camada é um dict
    (``kernel_size``, ``stride``, ``dilation``), uma tupla ``(k, s, d)`` ou uma camada
    do torch (``nn.Conv2d``, ``nn.MaxPool2d``...). Notebook 03.

    Exemplo: três convoluções 3×3 → campos 3, 5, 7.
    """
    r, j = 1, 1
    resultado = []
    for indice, camada in enumerate(camadas):
        k, s, d = _parametros_camada(camada, indice)
        r, j = r + d * (k - 1) * j, j * s
        resultado.append(Campo(r, j))
    return resultado


def campo_receptivo(camadas: Sequence[Any]) -> Campo:
    """Campo receptivo e espaçamento da pilha inteira (a última linha de ``campos_receptivos``).

    Uma pilha vazia vê uma posição só: ``Campo(1, 1)``.
    """
    todos = campos_receptivos(camadas)
    return todos[-1] if todos else Campo(1, 1)
