"""Dados reais sem download: a foto, as séries e a ressonância que o matplotlib já traz.

O pacote ``matplotlib`` instala, junto com o código, uma pasta de dados de exemplo
(``matplotlib.cbook.get_sample_data``). O curso usa quatro deles:

- ``grace_hopper.jpg``: retrato de Grace Hopper (domínio público), 512 × 600 pixels RGB;
- ``msft.csv``: cotações diárias da Microsoft (65 pregões, de junho a setembro de 2003);
- ``Stocks.csv``: preços mensais de dez ativos, de 1990 a 2017;
- ``eeg.dat``: quatro canais de um eletroencefalograma, 800 amostras cada;
- ``s1045.ima.gz``: um corte de ressonância magnética, 256 × 256, 16 bits.

Tudo sai como tensor ``float32`` no formato que o PyTorch espera: imagens ``(C, H, W)`` com
valores em [0, 1], séries ``(n,)`` em ordem cronológica.

Notebooks: 01 (série de preços), 02 (canais da foto), 06 (Sobel na foto), 07 (subamostragem).
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F

from ._argumentos import booleano, inteiro, tensor, texto

__all__ = ["ArquivoAusente", "Serie", "arquivo", "eeg", "foto", "luminancia", "ressonancia", "serie"]

LUMINANCIA = (0.299, 0.587, 0.114)  # pesos do padrão ITU-R BT.601 para R, G e B
_ACOES = ("IBM", "AAPL", "MSFT", "XRX", "AMZN", "DELL", "GOOGL", "ADBE", "^GSPC", "^IXIC")


class ArquivoAusente(FileNotFoundError):
    """Um arquivo de exemplo do matplotlib não foi encontrado."""


class Serie(NamedTuple):
    """Uma série temporal real: valores ``(n,)`` em ordem cronológica e as datas (texto)."""

    valores: torch.Tensor
    datas: list[str]
    nome: str


def arquivo(nome: str) -> Path:
    """Caminho de um arquivo de exemplo do matplotlib, com erro em português se faltar.

    Parâmetros
    ----------
    nome : nome do arquivo na pasta ``sample_data`` do matplotlib (ex.: ``'grace_hopper.jpg'``).
    """
    texto("nome", nome)
    from matplotlib import get_data_path

    caminho = Path(get_data_path()) / "sample_data" / nome
    if not caminho.is_file():
        raise ArquivoAusente(
            f"o arquivo de exemplo {nome!r} não está em {caminho.parent}; ele vem com o pacote "
            f"matplotlib (pasta mpl-data/sample_data): reinstale-o com "
            f"'pip install --force-reinstall matplotlib'"
        )
    return caminho


def _redimensionar(imagem: torch.Tensor, tamanho: int | None) -> torch.Tensor:
    """Reduz (C, H, W) para que o lado MENOR tenha ``tamanho`` pixels, mantendo a proporção."""
    if tamanho is None:
        return imagem
    altura, largura = imagem.shape[-2:]
    escala = tamanho / min(altura, largura)
    novo = (round(altura * escala), round(largura * escala))
    reduzida = F.interpolate(imagem[None], size=novo, mode="bilinear", antialias=True,
                             align_corners=False)[0]
    return reduzida.clamp(0.0, 1.0)


def foto(cinza: bool = True, tamanho: int | None = 256) -> torch.Tensor:
    """A foto de Grace Hopper como tensor ``(C, H, W)`` em [0, 1] (C = 1 em cinza, 3 em RGB).

    Parâmetros
    ----------
    cinza : True para um canal de luma (0,299 R' + 0,587 G' + 0,114 B', sobre os valores com
        correção gama do arquivo, como no BT.601); False para RGB.
    tamanho : lado menor depois de reduzir (mantém a proporção 512 × 600); None = original.

    Exemplo: ``foto().shape == (1, 300, 256)``; ``foto(cinza=False, tamanho=None).shape == (3, 600, 512)``.
    """
    booleano("cinza", cinza)
    if tamanho is not None:
        inteiro("tamanho", tamanho, minimo=8)
    from PIL import Image

    with Image.open(arquivo("grace_hopper.jpg")) as imagem:
        rgb = np.asarray(imagem.convert("RGB"), dtype=np.float32) / 255.0  # (H, W, 3)
    imagem = torch.from_numpy(rgb.copy()).permute(2, 0, 1).contiguous()  # (3, H, W)
    if cinza:
        imagem = luminancia(imagem)  # (1, H, W)
    return _redimensionar(imagem, tamanho)


def luminancia(rgb: torch.Tensor) -> torch.Tensor:
    """(..., 3, H, W) em cores → (..., 1, H, W) em cinza, pela luminância 0,299 R + 0,587 G + 0,114 B.

    Serve a uma imagem (3, H, W) e a um lote (N, 3, H, W): a única conversão de cores do pacote
    (``foto(cinza=True)`` e ``autocodificador.para_cinza`` a usam).
    """
    rgb = tensor("rgb", rgb, 3, 4)
    if rgb.shape[-3] != 3:
        raise ValueError(f"rgb deve ter 3 canais (3, H, W) ou (N, 3, H, W), mas tem formato {tuple(rgb.shape)}")
    pesos = torch.tensor(LUMINANCIA, dtype=rgb.dtype, device=rgb.device).view(3, 1, 1)
    return (rgb * pesos).sum(-3, keepdim=True)


def serie(nome: str = "MSFT") -> Serie:
    """Uma série de preços real, em ordem cronológica.

    Parâmetros
    ----------
    nome : ``'MSFT'`` para o fechamento diário de ``msft.csv`` (65 pregões, de junho a setembro de 2003), ou o
        nome de uma coluna de ``Stocks.csv`` (preços mensais, 1990–2017): IBM, AAPL, MSFT...
        Para ``Stocks.csv`` use ``'MSFT mensal'``; meses sem cotação são descartados.
    """
    texto("nome", nome)
    if nome == "MSFT":
        with open(arquivo("msft.csv"), newline="") as f:
            linhas = list(csv.DictReader(f))[::-1]  # o arquivo vem do mais recente ao mais antigo
        return Serie(torch.tensor([float(l["Close"]) for l in linhas]), [l["Date"] for l in linhas], nome)
    coluna = nome.removesuffix(" mensal")
    if coluna not in _ACOES:
        raise ValueError(f"nome deve ser 'MSFT' ou uma coluna de Stocks.csv {_ACOES}, mas recebeu nome={nome!r}")
    with open(arquivo("Stocks.csv"), newline="") as f:
        linhas = [l for l in csv.DictReader(l for l in f if not l.startswith("#")) if l[coluna]]
    return Serie(torch.tensor([float(l[coluna]) for l in linhas]), [l["Date"] for l in linhas], nome)


def eeg() -> torch.Tensor:
    """Os quatro canais do eletroencefalograma de exemplo: tensor ``(4, 800)``.

    As 800 amostras cobrem 10 segundos (80 amostras por segundo), como no exemplo
    ``mri_with_eeg`` do matplotlib.
    """
    dados = np.fromfile(arquivo("eeg.dat"), dtype="<f8").reshape(800, 4)
    return torch.from_numpy(dados.T.astype(np.float32).copy())


def ressonancia() -> torch.Tensor:
    """O corte de ressonância magnética de exemplo: tensor ``(1, 256, 256)`` em [0, 1]."""
    with gzip.open(arquivo("s1045.ima.gz")) as f:
        bruto = np.frombuffer(f.read(), dtype="<u2").reshape(256, 256).astype(np.float32)
    return torch.from_numpy(bruto / bruto.max())[None]
