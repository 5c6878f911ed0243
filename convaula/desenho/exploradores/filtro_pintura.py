"""A pintura do laboratório de núcleos com o Pillow: entrada, núcleo e saída na mesma escala.

Sem matplotlib: cada painel é um array convertido em imagem e codificado em PNG em poucos
milissegundos, o que mantém a resposta a cada edição e a cada movimento do ponteiro rápida.
Notebook 06.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

from ..base import formatar
from .filtro import EstadoFiltro

__all__ = ["LADO_PESO", "figura_estatica", "painel_imagem", "painel_nucleo", "png", "tabela_produtos"]

LADO_PESO = 48  # pixels de cada peso no painel do núcleo
COR_JANELA = (230, 50, 50)
COR_PESO = (230, 145, 56)


@lru_cache(maxsize=4)
def _fonte(tamanho: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans, que vem com o matplotlib: acentos garantidos e os mesmos pixels em toda máquina."""
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), tamanho)


def png(imagem: Image.Image) -> bytes:
    """PNG sem metadados, compressão leve (rápido e com os mesmos bytes para a mesma imagem)."""
    saida = BytesIO()
    imagem.save(saida, format="PNG", compress_level=1)
    return saida.getvalue()


def _cinza(valores: torch.Tensor, escala: tuple[float, float]) -> np.ndarray:
    vmin, vmax = escala
    return (255 * ((valores - vmin) / (vmax - vmin)).clamp(0, 1)).round().to(torch.uint8).numpy()


def painel_imagem(estado: EstadoFiltro, tensor: torch.Tensor) -> Image.Image:
    """A imagem (C, H, W) na escala compartilhada, com o contorno da janela 3×3 do pixel escolhido."""
    pixels = _cinza(tensor, estado.escala)
    imagem = Image.fromarray(pixels[0] if pixels.shape[0] == 1 else np.moveaxis(pixels[:3], 0, -1)).convert("RGB")
    i, j = estado.pixel
    ImageDraw.Draw(imagem).rectangle((j - 2, i - 2, j + 2, i + 2), outline=COR_JANELA, width=1)
    return imagem


def painel_nucleo(estado: EstadoFiltro) -> Image.Image:
    """Os 9 pesos como células da mesma escala de cinza, com o valor escrito e o peso destacado."""
    cores = _cinza(estado.nucleo, estado.escala)
    imagem = Image.fromarray(np.kron(cores, np.ones((LADO_PESO, LADO_PESO), np.uint8))).convert("RGB")
    desenho, fonte = ImageDraw.Draw(imagem), _fonte(12)
    for (a, b), peso in np.ndenumerate(estado.nucleo.numpy()):
        caixa = (b * LADO_PESO, a * LADO_PESO, (b + 1) * LADO_PESO - 1, (a + 1) * LADO_PESO - 1)
        destacado = estado.peso_destacado == (a, b)
        desenho.rectangle(caixa, outline=COR_PESO if destacado else (128, 128, 128), width=3 if destacado else 1)
        texto = formatar(peso) if abs(peso - round(peso)) < 1e-9 else f"{peso:.3f}"
        cor = (0, 0, 0) if cores[a, b] > 110 else (255, 255, 255)
        desenho.text(((b + 0.5) * LADO_PESO, (a + 0.5) * LADO_PESO), texto, fill=cor, font=fonte, anchor="mm")
    return imagem


def tabela_produtos(estado: EstadoFiltro) -> str:
    """HTML com a janela 3×3, os 9 produtos peso·valor e a soma (= o pixel da saída)."""
    linhas = []
    for a in range(3):
        celulas = []
        for b in range(3):
            w, x = estado.nucleo[a, b].item(), estado.janela()[a, b].item()
            estilo = "background:#fce5cd;font-weight:bold" if estado.peso_destacado == (a, b) else ""
            celulas.append(f"<td style='padding:2px 6px;{estilo}'>{w:.3g}·{x:.3f} = {w * x:.3f}</td>")
        linhas.append(f"<tr>{''.join(celulas)}</tr>")
    i, j = estado.pixel
    soma = estado.produtos().sum().item()
    return (f"<div class='convaula-produtos' style='font-family:monospace;font-size:13px'>"
            f"pixel ({i}, {j}), canal {estado.canal}: os 9 produtos peso·valor da janela<table>{''.join(linhas)}</table>"
            f"soma = <b>{soma:.4f}</b> = saída[{i}, {j}] = <b>{estado.valor():.4f}</b></div>")


def figura_estatica(estado: EstadoFiltro) -> Image.Image:
    """Entrada, núcleo e saída lado a lado, com rótulos: a figura guardada no notebook."""
    paineis = [painel_imagem(estado, estado.imagem), painel_nucleo(estado), painel_imagem(estado, estado.saida)]
    altura = max(p.height for p in paineis) + 46
    largura = sum(p.width for p in paineis) + 20 * (len(paineis) + 1)
    figura = Image.new("RGB", (largura, altura), "white")
    desenho, fonte, x = ImageDraw.Draw(figura), _fonte(13), 20
    for painel, rotulo in zip(paineis, ("entrada", f"núcleo: {estado.nome}", "saída")):
        figura.paste(painel, (x, 22))
        desenho.text((x, 4), rotulo, fill=(0, 0, 0), font=fonte)
        x += painel.width + 20
    vmin, vmax = estado.escala
    desenho.text((20, altura - 20), f"mesma escala de cinza nas três: preto = {vmin:.2f}, branco = {vmax:.2f}",
                 fill=(0, 0, 0), font=fonte)
    return figura
