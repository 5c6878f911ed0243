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

from ._argumentos import inteiro, modulo, numero, tensor, texto
from .formulas import tamanho_saida, tamanho_saida_transposta
from .reais import luminancia

__all__ = ["AUMENTOS", "CodificadorDecodificador", "formatos_previstos", "para_cinza", "recortes", "treinar"]

#: Os dois jeitos de dobrar o lado aceitos por ``CodificadorDecodificador(aumento=...)``.
AUMENTOS = ("transposta", "interpolacao")


def _aumento(tipo: str, in_channels: int, out_channels: int) -> nn.Module:
    if tipo == "transposta":
        return nn.ConvTranspose2d(in_channels, out_channels, kernel_size=4, stride=2, padding=1)
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"),
                         nn.Conv2d(in_channels, out_channels, 3, padding=1))


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
        c = inteiro("largura", largura, minimo=1)
        texto("aumento", aumento, AUMENTOS)
        super().__init__(OrderedDict([
            ("cod1", nn.Conv2d(1, c, kernel_size=4, stride=2, padding=1)), ("bn1", nn.BatchNorm2d(c)),
            ("a1", nn.ReLU()),
            ("cod2", nn.Conv2d(c, 2 * c, kernel_size=4, stride=2, padding=1)), ("bn2", nn.BatchNorm2d(2 * c)),
            ("a2", nn.ReLU()),
            ("dilatada", nn.Conv2d(2 * c, 2 * c, kernel_size=4, dilation=2, padding=3)),
            ("bn3", nn.BatchNorm2d(2 * c)), ("a3", nn.ReLU()),
            ("dec1", _aumento(aumento, 2 * c, c)), ("bn4", nn.BatchNorm2d(c)), ("a4", nn.ReLU()),
            ("dec2", _aumento(aumento, c, 3)), ("cores", nn.Sigmoid()),
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
    """Um lote (N, 3, H, W) em cores → (N, 1, H, W) em cinza: ``reais.luminancia`` em cada imagem."""
    return luminancia(tensor("rgb", rgb, 4, 4, forma="(N, 3, H, W)"))


def recortes(imagem: torch.Tensor, lado: int, n: int, semente: int = 0) -> torch.Tensor:
    """``n`` recortes ``lado``×``lado`` sorteados de ``imagem`` (C, H, W): tensor (n, C, lado, lado)."""
    imagem = tensor("imagem", imagem, 3, 3)
    H, W = imagem.shape[1:]
    lado, n = inteiro("lado", lado, minimo=1, maximo=min(H, W)), inteiro("n", n, minimo=1)
    semente = inteiro("semente", semente, minimo=0)
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
    modulo("modelo", modelo)
    passos, batch_size = inteiro("passos", passos, minimo=1), inteiro("batch_size", batch_size, minimo=2)
    lr, semente = numero("lr", lr, minimo=0), inteiro("semente", semente, minimo=0)
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
