"""Campo receptivo de uma pilha de camadas: quantas posições da entrada uma saída enxerga, e onde.

Para cada camada, com núcleo k, passo s, dilatação d e preenchimento p (à esquerda), vale a
recorrência r₀ = 1, j₀ = 1, u₀ = 0 e

    rₗ = rₗ₋₁ + dₗ(kₗ − 1)·jₗ₋₁     jₗ = jₗ₋₁·sₗ     uₗ = uₗ₋₁ − pₗ·jₗ₋₁,

em que j é o espaçamento (*jump*): a distância, na entrada, entre duas posições vizinhas da
saída; e u é o início, na entrada, do campo da posição 0 da saída (negativo quando o campo
começa dentro do preenchimento). A posição i da saída enxerga o intervalo [u + i·j, u + i·j + r − 1].
É a forma de Araujo, Norris e Sim, "Computing Receptive Fields of Convolutional Neural
Networks", Distill, 2019 (lá, −u é o *effective padding* e j o *effective stride*).

Notebooks: 03 (campo receptivo e dilatação), 07 (posição, campo efetivo, redes reais),
08 (LeNet-5).
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from ._argumentos import exigir, inteiro, nao_negativo, positivo, unico
from .formulas import tamanho_saida, tamanho_saida_pool

__all__ = ["Campo", "Geometria", "campo_efetivo", "campo_receptivo", "campos_receptivos",
           "entradas_da_saida", "intervalo_na_entrada", "intervalo_pelo_gradiente"]

# Camadas que agem posição a posição (não mudam o campo): ativações, dropout, normalizações
# por canal, identidade. A subamostragem adaptativa também entra aqui: veja campos_receptivos.
_PONTUAIS = (nn.Identity, nn.LocalResponseNorm, nn.modules.dropout._DropoutNd,
             nn.modules.batchnorm._BatchNorm, nn.modules.pooling._AdaptiveAvgPoolNd,
             nn.modules.pooling._AdaptiveMaxPoolNd)


class Campo(NamedTuple):
    """Campo receptivo, espaçamento (*jump*) e início do campo depois de uma camada.

    ``campo``: quantas posições da entrada influenciam uma posição da saída (r);
    ``espacamento``: distância, na entrada, entre duas posições vizinhas da saída (j);
    ``inicio``: onde começa, na entrada, o campo da posição 0 da saída (u; negativo = no
    preenchimento).
    """

    campo: int
    espacamento: int
    inicio: int = 0

    def intervalo(self, i: int = 0) -> tuple[int, int]:
        """Primeira e última posição da entrada (inclusive) no campo da saída ``i``."""
        u = self.inicio + inteiro("i", i) * self.espacamento
        return u, u + self.campo - 1

    def centro(self, i: int = 0) -> float:
        """Centro, na entrada, do campo da saída ``i``: u + i·j + (r − 1)/2."""
        u, v = self.intervalo(i)
        return (u + v) / 2


def _escalar(indice: int, nome: str, val: Any) -> int:
    """Um valor por dimensão: aceita int ou tupla com valores iguais (camadas 2D do torch)."""
    return unico(f"camadas[{indice}].{nome}", val, "calcule o campo receptivo de cada dimensão separadamente")


def _ler(camada: Any, indice: int) -> tuple[Any, Any, Any, Any]:
    """(k, s, d, p) crus de um dict, de uma tupla (k, s, d, p) ou de uma camada do torch."""
    if isinstance(camada, dict):
        k = camada.get("kernel_size")
        s = camada.get("stride", 1)
        return k, k if s is None else s, camada.get("dilation", 1), camada.get("padding", 0)
    if isinstance(camada, (tuple, list)):
        if not 1 <= len(camada) <= 4:
            raise ValueError(f"camadas[{indice}] deve ser (kernel_size, stride, dilation, "
                             f"padding), mas recebeu {camada!r}")
        return tuple((list(camada) + [1, 1, 0][len(camada) - 1:])[:4])
    if isinstance(camada, nn.modules.conv._ConvTransposeNd):
        raise TypeError(f"camadas[{indice}] é uma convolução transposta ({type(camada).__name__}), "
                        f"que aumenta a resolução; o campo receptivo aqui é só de Conv e Pool")
    if hasattr(camada, "kernel_size"):
        p = getattr(camada, "padding", 0)
        return (camada.kernel_size, getattr(camada, "stride", 1) or camada.kernel_size,
                getattr(camada, "dilation", 1), 0 if p == "valid" else p)
    raise TypeError(
        f"camadas[{indice}] deve ser um dict, uma tupla (k, s, d, p) ou uma camada espacial do "
        f"torch (Conv, MaxPool, AvgPool...), mas recebeu {type(camada).__name__}; uma camada "
        f"densa (Linear) mistura todas as posições: passe só a parte convolucional "
        f"(por exemplo, modelo.features ou modelo[:k])"
    )


class Geometria(NamedTuple):
    """O que importa de uma camada espacial para o campo: k, s, d, p e o ``ceil_mode``."""

    k: int
    s: int
    d: int
    p: int
    ceil_mode: bool = False
    p_direita: int | None = None  # só difere de p em padding='same' com d(k − 1) ímpar

    def tamanho(self, n: int) -> int:
        """Tamanho da saída desta camada para uma entrada de tamanho ``n`` (regra do torch)."""
        if self.ceil_mode:
            return tamanho_saida_pool(n, self.k, self.s, self.p, self.d, ceil_mode=True)
        return tamanho_saida(n + self.direita - self.p, self.k, self.s, self.p, self.d)

    @property
    def direita(self) -> int:
        """Preenchimento à direita."""
        return self.p if self.p_direita is None else self.p_direita


def _parametros_camada(camada: Any, indice: int) -> Geometria | None:
    """(k, s, d, p, ceil_mode) validados; ``None`` para camadas que agem posição a posição."""
    if isinstance(camada, _PONTUAIS) or type(camada).__module__ == "torch.nn.modules.activation":
        return None
    *lidos, p = _ler(camada, indice)
    k, s, d = [_escalar(indice, nome, v) for nome, v in zip(("kernel_size", "stride", "dilation"), lidos)]
    for nome, val in zip(("kernel_size", "stride", "dilation"), (k, s, d)):
        positivo(f"camadas[{indice}].{nome}", val, "k" if nome == "kernel_size" else nome[0])
    teto = camada.get("ceil_mode", False) if isinstance(camada, dict) else getattr(camada, "ceil_mode", False)
    if p == "same":  # o torch põe ⌊d(k − 1)/2⌋ à esquerda e o resto à direita
        return Geometria(k, s, d, d * (k - 1) // 2, bool(teto), d * (k - 1) - d * (k - 1) // 2)
    p = _escalar(indice, "padding", p)
    nao_negativo(f"camadas[{indice}].padding", p, "p")
    return Geometria(k, s, d, p, bool(teto))


def _geometrias(camadas: Iterable[Any]) -> list[Geometria | None]:
    """A geometria de cada camada (``None`` nas pontuais), com ``Sequential`` achatados."""
    return [_parametros_camada(c, indice) for indice, c in enumerate(_folhas(camadas))]


def _folhas(camadas: Iterable[Any]) -> list[Any]:
    """Achata ``nn.Sequential`` aninhados: a lista das camadas, na ordem em que agem."""
    saida = []
    for camada in camadas:
        saida.extend(_folhas(camada) if isinstance(camada, nn.Sequential) else [camada])
    return saida


def campos_receptivos(camadas: Iterable[Any]) -> list[Campo]:
    """Campo receptivo, espaçamento e início depois de cada camada de uma pilha (uma dimensão).

    Recorrência: rₗ = rₗ₋₁ + dₗ(kₗ − 1)·jₗ₋₁, jₗ = jₗ₋₁·sₗ e uₗ = uₗ₋₁ − pₗ·jₗ₋₁.
    O preenchimento não muda o tamanho do campo, só onde ele fica.

    Parâmetros
    ----------
    camadas : dicts (``kernel_size``, ``stride``, ``dilation``, ``padding``), tuplas
        ``(k, s, d, p)`` (as últimas podem faltar: s = d = 1, p = 0) ou camadas do torch, por
        exemplo um ``nn.Sequential`` como ``torchvision.models.vgg16(weights=None).features``
        (``Sequential`` aninhados são achatados). Ativações, dropout, normalizações e
        identidade não mudam nada e repetem a linha anterior, para a lista ficar alinhada
        com as camadas. A subamostragem adaptativa (``AdaptiveAvgPool2d``) também é tratada
        como identidade: isso só vale quando a entrada dela já tem o tamanho pedido (na VGG-16
        e na AlexNet com entrada 224 × 224, 7 × 7 → 7 × 7 e 6 × 6 → 6 × 6); noutro tamanho,
        o núcleo dela depende da entrada e o campo muda. Notebooks 03 e 07.

    Devolve
    -------
    Uma lista de ``Campo`` por camada. Exemplo: três convoluções 3×3 → campos 3, 5, 7.
    """
    r, j, u = 1, 1, 0
    resultado = []
    for g in _geometrias(camadas):
        if g is not None:
            r, j, u = r + g.d * (g.k - 1) * j, j * g.s, u - g.p * j
        resultado.append(Campo(r, j, u))
    return resultado


def campo_receptivo(camadas: Sequence[Any]) -> Campo:
    """Campo receptivo, espaçamento e início da pilha inteira (a última linha de
    ``campos_receptivos``). Uma pilha vazia vê uma posição só: ``Campo(1, 1, 0)``.
    """
    todos = campos_receptivos(camadas)
    return todos[-1] if todos else Campo(1, 1, 0)


def entradas_da_saida(camadas: Iterable[Any], n: int, i: int) -> list[int]:
    """As posições da entrada (tamanho ``n``) de que a saída ``i`` depende, em ordem.

    Volta camada a camada: cada posição q de uma saída lê s·q − p + d·t (t = 0, ..., k − 1) na
    camada anterior, e só contam as posições que existem de fato ali (o resto é
    preenchimento). Lista vazia: a saída ``i`` só vê preenchimento. É a referência exata,
    com os buracos da dilatação, contra a qual os testes comparam o gradiente do torch.
    """
    geometrias = [g for g in _geometrias(camadas) if g is not None]
    tamanhos = [inteiro("n", n)]
    for g in geometrias:
        tamanhos.append(g.tamanho(tamanhos[-1]))
    i = inteiro("i", i)
    exigir(0 <= i < tamanhos[-1], f"i deve estar entre 0 e {tamanhos[-1] - 1} (a saída tem "
                                  f"{tamanhos[-1]} posições com n={n}), mas recebeu i={i}")
    posicoes = {i}
    for g, n_antes in zip(reversed(geometrias), reversed(tamanhos[:-1])):
        lidas = {g.s * q - g.p + g.d * t for q in posicoes for t in range(g.k)}
        posicoes = {x for x in lidas if 0 <= x < n_antes}
    return sorted(posicoes)


def intervalo_na_entrada(camadas: Iterable[Any], n: int, i: int) -> tuple[int, int] | None:
    """Primeira e última entrada de que a saída ``i`` depende (``entradas_da_saida``).

    Em redes comuns é ``Campo.intervalo(i)`` cortado em [0, n − 1]; difere quando uma camada
    intermediária corta a janela (descarta a borda com a divisão com piso e a seguinte preenche
    ali, ou a dilatação pula a última posição). ``None``: só preenchimento.
    """
    posicoes = entradas_da_saida(camadas, n, i)
    return (posicoes[0], posicoes[-1]) if posicoes else None


def intervalo_pelo_gradiente(camadas: Iterable[Any], n: int, i: int) -> tuple[int, int] | None:
    """Primeira e última entrada com gradiente não nulo na saída ``i``: o campo, medido.

    Monta uma réplica 1D da pilha (um canal; cada camada, convolução ou subamostragem, vira
    uma convolução com núcleo de uns e os mesmos k, s, d, p e ``ceil_mode``), aplica numa
    entrada de uns de tamanho ``n`` e faz a retropropagação a partir da saída ``i``. Como tudo
    é positivo, o gradiente é não nulo exatamente onde a saída ``i`` depende da entrada; deve
    ser igual a ``intervalo_na_entrada``. ``None``: nenhum gradiente. Notebook 07.
    """
    intervalo_na_entrada(camadas, n, i)  # confere n e i com mensagens em português
    x = torch.ones(1, 1, n, dtype=torch.float64, requires_grad=True)
    y = x
    for g in _geometrias(camadas):
        if g is not None:
            n_saida = g.tamanho(y.shape[-1])
            y = F.pad(y, (g.p, g.direita + (g.s - 1 if g.ceil_mode else 0)))  # ceil: janela a mais
            y = F.conv1d(y, torch.ones(1, 1, g.k, dtype=torch.float64), stride=g.s,
                         dilation=g.d)[..., :n_saida]
    y[0, 0, i].backward()
    posicoes = torch.nonzero(x.grad[0, 0]).flatten()
    return (int(posicoes[0]), int(posicoes[-1])) if len(posicoes) else None


def campo_efetivo(modelo: nn.Module, entrada: torch.Tensor, posicao: Sequence[int]) -> torch.Tensor:
    """Mapa do campo receptivo efetivo: |∂ saída[posição] / ∂ entrada|, somado nos canais.

    ``entrada`` é ``(1, C, H, W)`` (ou ``(1, C, n)``); ``posicao`` é o índice espacial na
    saída do ``modelo`` (os canais de saída são somados). Devolve um tensor ``(H, W)`` (ou
    ``(n,)``) que mostra quanto cada pixel pesa naquela saída — em geral um morro no centro
    do campo teórico (Luo et al., 2016). Notebook 07.
    """
    x = entrada.detach().clone().requires_grad_(True)
    y = modelo(x)
    y[(0, slice(None), *posicao)].sum().backward()
    return x.grad[0].abs().sum(0)
