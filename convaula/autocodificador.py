"""Um codificador–decodificador pequeno que colore recortes da foto: a transposta em ação.

A rede segue o padrão do modelo de colorização do material de origem:

- duas convoluções k = 4, s = 2, p = 1 que dividem o lado por 2 (n → n/2 → n/4);
- uma convolução dilatada k = 4, d = 2, p = 3 que mantém o lado (2p = d(k − 1) = 6);
- duas camadas de aumento de resolução que dobram o lado de volta (n/4 → n/2 → n): ou
  transpostas k = 4, s = 2, p = 1, ou interpolação pelo vizinho mais próximo seguida de uma
  convolução 3×3 (o remédio de Odena, Dumoulin e Olah, 2016, para o padrão de xadrez);
- normalização em lote (``nn.BatchNorm2d``) entre as camadas.

``formatos_previstos`` calcula cada formato só com ``convaula.formulas``; ``treinar`` ajusta
a rede para levar recortes em cinza aos mesmos recortes em cores. Notebook 05.
"""

from __future__ import annotations

from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn

from ._argumentos import inteiro, tensor
from .formulas import tamanho_saida, tamanho_saida_transposta
from .reais import LUMINANCIA

__all__ = ["AUMENTOS", "CodificadorDecodificador", "formatos_previstos", "para_cinza", "recortes", "treinar"]

#: Os dois jeitos de dobrar o lado aceitos por ``CodificadorDecodificador(aumento=...)``.
AUMENTOS = ("transposta", "interpolacao")


def _aumento(tipo: str, c_in: int, c_out: int) -> nn.Module:
    if tipo == "transposta":
        return nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1)
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c_in, c_out, 3, padding=1))


class CodificadorDecodificador(nn.Sequential):
    """Cinza (1 canal) → cores (3 canais em [0, 1]), com o lado dividido por 4 e dobrado de volta.

    Parâmetros
    ----------
    largura : canais depois da primeira convolução (a segunda e a dilatada usam o dobro).
    aumento : ``"transposta"`` (``nn.ConvTranspose2d`` k = 4, s = 2, p = 1) ou
        ``"interpolacao"`` (``nn.Upsample`` ×2 e ``nn.Conv2d`` 3×3, p = 1).

    A entrada precisa ter lado múltiplo de 4. Notebook 05.
    """

    def __init__(self, largura: int = 16, aumento: str = "transposta") -> None:
        largura = inteiro("largura", largura)
        if largura < 1:
            raise ValueError(f"largura deve ser >= 1, mas recebeu largura={largura}")
        if aumento not in AUMENTOS:
            raise ValueError(f"aumento deve ser um de {AUMENTOS}, mas recebeu aumento={aumento!r}")
        w = largura
        super().__init__(OrderedDict([
            ("cod1", nn.Conv2d(1, w, kernel_size=4, stride=2, padding=1)), ("bn1", nn.BatchNorm2d(w)),
            ("a1", nn.ReLU()),
            ("cod2", nn.Conv2d(w, 2 * w, kernel_size=4, stride=2, padding=1)), ("bn2", nn.BatchNorm2d(2 * w)),
            ("a2", nn.ReLU()),
            ("dilatada", nn.Conv2d(2 * w, 2 * w, kernel_size=4, dilation=2, padding=3)),
            ("bn3", nn.BatchNorm2d(2 * w)), ("a3", nn.ReLU()),
            ("dec1", _aumento(aumento, 2 * w, w)), ("bn4", nn.BatchNorm2d(w)), ("a4", nn.ReLU()),
            ("dec2", _aumento(aumento, w, 3)), ("cores", nn.Sigmoid()),
        ]))


def _lado_depois(camada: nn.Module, lado: int) -> int:
    """Lado da saída de ``camada`` (convolução, transposta ou interpolação) pelas fórmulas."""
    if isinstance(camada, nn.ConvTranspose2d):
        return tamanho_saida_transposta(lado, camada.kernel_size[0], camada.stride[0], camada.padding[0],
                                        camada.output_padding[0], camada.dilation[0])
    if isinstance(camada, nn.Conv2d):
        return tamanho_saida(lado, camada.kernel_size[0], camada.stride[0], camada.padding[0], camada.dilation[0])
    if isinstance(camada, nn.Upsample):
        return int(lado * camada.scale_factor)
    if isinstance(camada, nn.Sequential):
        for parte in camada:
            lado = _lado_depois(parte, lado)
    return lado


def formatos_previstos(modelo: nn.Sequential, lado: int) -> dict[str, tuple[int, int, int]]:
    """Formato (C, H, W) depois de cada camada que muda de forma, calculado pelas fórmulas.

    Só entram as camadas com pesos de convolução (as normalizações e ativações não mudam o
    formato). Notebook 05.
    """
    lado, canais, formatos = inteiro("lado", lado), 1, {}
    for nome, camada in modelo.named_children():
        convs = [m for m in camada.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
        if convs:
            lado, canais = _lado_depois(camada, lado), convs[-1].out_channels
            formatos[nome] = (canais, lado, lado)
    return formatos


def para_cinza(rgb: torch.Tensor) -> torch.Tensor:
    """(N, 3, H, W) em cores → (N, 1, H, W) em cinza, pela luminância 0,299 R + 0,587 G + 0,114 B."""
    rgb = tensor("rgb", rgb, 4, 4)
    if rgb.shape[1] != 3:
        raise ValueError(f"rgb deve ter 3 canais (N, 3, H, W), mas tem formato {tuple(rgb.shape)}")
    return (rgb * torch.tensor(LUMINANCIA, dtype=rgb.dtype).view(1, 3, 1, 1)).sum(1, keepdim=True)


def recortes(imagem: torch.Tensor, lado: int, n: int, semente: int = 0) -> torch.Tensor:
    """``n`` recortes ``lado``×``lado`` sorteados de ``imagem`` (C, H, W): tensor (n, C, lado, lado)."""
    imagem = tensor("imagem", imagem, 3, 3)
    lado, n = inteiro("lado", lado), inteiro("n", n)
    H, W = imagem.shape[1:]
    if not 1 <= lado <= min(H, W) or n < 1:
        raise ValueError(f"lado deve estar entre 1 e {min(H, W)} e n >= 1, mas recebeu lado={lado}, n={n}")
    gerador = torch.Generator().manual_seed(semente)
    topo = torch.randint(0, H - lado + 1, (n,), generator=gerador).tolist()
    esquerda = torch.randint(0, W - lado + 1, (n,), generator=gerador).tolist()
    return torch.stack([imagem[:, i:i + lado, j:j + lado] for i, j in zip(topo, esquerda)])


def treinar(modelo: nn.Module, rgb: torch.Tensor, passos: int = 100, lr: float = 0.01,
            batch_size: int = 16, semente: int = 0) -> list[float]:
    """Ajusta ``modelo`` (Adam, erro quadrático) para levar ``para_cinza(rgb)`` a ``rgb``.

    Cada passo de otimização sorteia ``batch_size`` recortes de ``rgb`` (N, 3, H, W).
    Devolve a perda de cada passo; o modelo termina em ``eval()``. Notebook 05.
    """
    passos, batch_size = inteiro("passos", passos), inteiro("batch_size", batch_size)
    if passos < 1 or batch_size < 2:
        raise ValueError(f"passos deve ser >= 1 e batch_size >= 2, mas recebeu passos={passos}, "
                         f"batch_size={batch_size}")
    cinza, gerador = para_cinza(rgb), torch.Generator().manual_seed(semente)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=lr)
    perdas = []
    modelo.train()
    for _ in range(passos):
        indices = torch.randint(0, len(rgb), (batch_size,), generator=gerador)
        perda = F.mse_loss(modelo(cinza[indices]), rgb[indices])
        otimizador.zero_grad()
        perda.backward()
        otimizador.step()
        perdas.append(perda.item())
    modelo.eval()
    return perdas
