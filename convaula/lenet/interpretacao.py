"""O que a rede aprendeu: saídas das camadas num lote, erros e sensibilidade à oclusão.

- ``saidas_camadas``: a saída de cada camada nomeada de um ``nn.Sequential`` para um lote;
- ``exemplos_errados``: os exemplos que a rede erra, com a classe prevista e a verdadeira;
- ``pares_confundidos``: os pares de classes que mais se confundem numa matriz de confusão;
- ``sensibilidade_oclusao``: cobre a imagem com um quadrado cinza em cada posição e mede
  quanto cai a probabilidade da classe verdadeira (Zeiler e Fergus, 2014).

Só contas, sem desenho (os desenhos ficam em ``convaula.lenet.graficos``). Notebook 08.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn

from .._argumentos import inteiro
from ..formulas import tamanho_saida
from .modelos import em_avaliacao

__all__ = ["Erros", "Par", "centros_oclusao", "exemplos_errados", "pares_confundidos",
           "saidas_camadas", "sensibilidade_oclusao"]


@torch.inference_mode()
def saidas_camadas(modelo: nn.Sequential, x: torch.Tensor, treino: bool = False) -> dict[str, torch.Tensor]:
    """Saída de cada camada nomeada de ``modelo`` para o lote ``x`` (N, C, H, W).

    Parâmetros
    ----------
    modelo : um ``nn.Sequential`` com camadas nomeadas (``LeNet5``...).
    x : o lote de entrada.
    treino : roda em ``train()`` (a normalização em lote usa as estatísticas do lote, sem
        atualizar as médias móveis); por padrão, em ``eval()``.

    Retorna
    -------
    Dicionário nome → tensor (N, ...) na CPU. O modo e as médias móveis do modelo ficam
    como estavam. Notebook 08.
    """
    if not isinstance(modelo, nn.Sequential):
        raise TypeError(f"modelo deve ser um nn.Sequential, mas recebeu {type(modelo).__name__}")
    if not isinstance(x, torch.Tensor) or x.dim() != 4:
        raise ValueError(f"x deve ser um lote (N, C, H, W), mas tem formato {tuple(getattr(x, 'shape', ()))}")
    saidas = {}
    with em_avaliacao(modelo):
        for nome, camada in modelo.named_children():
            if treino and isinstance(camada, nn.modules.batchnorm._BatchNorm):
                x = nn.functional.batch_norm(x, None, None, camada.weight, camada.bias,
                                             training=True, eps=camada.eps)
            else:
                x = camada(x)
            saidas[nome] = x.cpu()
    return saidas


class Erros(NamedTuple):
    """Exemplos errados: posições no conjunto, classe prevista e classe verdadeira."""

    indices: torch.Tensor
    previstas: torch.Tensor
    verdadeiras: torch.Tensor


@torch.inference_mode()
def exemplos_errados(modelo: nn.Module, x: torch.Tensor, y: torch.Tensor, n: int = 8,
                     batch_size: int = 2000) -> Erros:
    """Os primeiros ``n`` exemplos de (x, y) que ``modelo`` classifica errado, em ``eval()``.

    Retorna ``Erros(indices, previstas, verdadeiras)``, tensores int64 na CPU (podem ter
    menos de ``n`` linhas se a rede errar menos). Notebook 08.
    """
    n = inteiro("n", n, minimo=1)
    with em_avaliacao(modelo):
        previstas = torch.cat([modelo(x[i:i + batch_size]).argmax(1) for i in range(0, len(x), batch_size)])
    indices = (previstas != y).nonzero()[:n, 0]
    return Erros(indices.cpu(), previstas[indices].cpu(), y[indices].cpu())


def _imagens_ocluidas(imagem: torch.Tensor, tamanho: int, stride: int, valor: float) -> torch.Tensor:
    """Um lote (L, C, H, W): a imagem com um quadrado ``tamanho``² = ``valor`` em cada posição."""
    C, H, W = imagem.shape
    linhas, colunas = tamanho_saida((H, W), tamanho, stride)
    lote = imagem.expand(linhas * colunas, C, H, W).clone()
    for indice in range(linhas * colunas):
        i, j = divmod(indice, colunas)
        lote[indice, :, i * stride:i * stride + tamanho, j * stride:j * stride + tamanho] = valor
    return lote.view(linhas, colunas, C, H, W)


@torch.inference_mode()
def sensibilidade_oclusao(modelo: nn.Module, imagem: torch.Tensor, classe: int,
                          tamanho: int = 8, stride: int = 2, valor: float = 0.0) -> torch.Tensor:
    """Queda da probabilidade de ``classe`` quando um quadrado cinza cobre cada região da imagem.

    Parâmetros
    ----------
    modelo : a rede (roda em ``eval()``; o modo é restaurado).
    imagem : tensor (C, H, W), já normalizado como no treino.
    classe : a classe cuja probabilidade (softmax) é acompanhada, em geral a verdadeira.
    tamanho : lado do quadrado que cobre a imagem.
    stride : de quantos pixels o quadrado anda entre duas posições.
    valor : o valor posto sob o quadrado (o cinza, na escala normalizada).

    Retorna
    -------
    Tensor (L_H, L_W) na CPU, com L = ⌊(n − tamanho)/stride⌋ + 1 (a fórmula da convolução):
    ``p(classe | imagem) − p(classe | imagem coberta)`` em cada posição; valores altos
    marcam as regiões de que a rede depende. Notebook 08.
    """
    if not isinstance(imagem, torch.Tensor) or imagem.dim() != 3:
        raise ValueError(f"imagem deve ter formato (C, H, W), mas tem {tuple(getattr(imagem, 'shape', ()))}")
    tamanho, stride = inteiro("tamanho", tamanho, minimo=1), inteiro("stride", stride, minimo=1)
    lote = _imagens_ocluidas(imagem, tamanho, stride, valor)
    linhas, colunas = lote.shape[:2]
    with em_avaliacao(modelo):
        p_original = modelo(imagem[None]).softmax(1)[0, classe]
        p_coberta = modelo(lote.flatten(0, 1)).softmax(1)[:, classe]
    return (p_original - p_coberta).view(linhas, colunas).cpu()


class Par(NamedTuple):
    """Um par de classes confundidas: ``a → b`` e ``b → a`` contados na matriz de confusão."""

    a: int
    b: int
    a_como_b: int
    b_como_a: int

    @property
    def total(self) -> int:
        return self.a_como_b + self.b_como_a


def pares_confundidos(matriz: torch.Tensor, n: int = 3) -> list[Par]:
    """Os ``n`` pares de classes {a, b} com mais confusões, somando as duas direções.

    ``matriz[i, j]`` conta as imagens da classe verdadeira ``i`` previstas como ``j`` (a de
    ``graficos.matriz_confusao``). Empates são desfeitos pelo par de menores índices. Devolve
    ``Par(a, b, a_como_b, b_como_a)`` com ``a < b``, do mais confundido ao menos. Notebook 08.
    """
    if matriz.dim() != 2 or matriz.shape[0] != matriz.shape[1]:
        raise ValueError(f"matriz deve ser quadrada (K, K), mas tem formato {tuple(matriz.shape)}")
    n = inteiro("n", n, minimo=1)
    k = matriz.shape[0]
    pares = [Par(a, b, int(matriz[a, b]), int(matriz[b, a])) for a in range(k) for b in range(a + 1, k)]
    pares.sort(key=lambda par: (-par.total, par.a, par.b))
    return pares[:n]


def centros_oclusao(n: int, tamanho: int, stride: int) -> torch.Tensor:
    """Os centros (em pixels da imagem, contando do 0) das posições do quadrado numa dimensão.

    A posição ``i`` cobre os pixels ``i·stride`` a ``i·stride + tamanho − 1``; o centro é
    ``i·stride + (tamanho − 1)/2``. É onde cada valor de ``sensibilidade_oclusao`` deve ser
    desenhado sobre a imagem (``graficos.desenhar_oclusao`` a usa).
    """
    return torch.arange(tamanho_saida(n, tamanho, stride)) * stride + (tamanho - 1) / 2
