"""O laboratório de núcleos como widget: ``Explorador`` + figura estática. Notebook 06.

O navegador desenha a cena de ``EstadoNucleos`` (``nucleos.py``): "entrada", "núcleo" e
"saída" com legenda, a lista dos núcleos prontos (vira "personalizado" quando um peso é
editado), os 9 pesos editáveis, a escala compartilhada ou o contraste por imagem, e, sob o
ponteiro (ou pelas setas), a vizinhança 3×3 ampliada com os valores dos pixels, os 9
produtos e a soma, que é o pixel da saída calculado pelo torch.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

from ...reais import foto
from .cena import Explorador
from .nucleos import EstadoNucleos

__all__ = ["ExploradorNucleos", "explorar_nucleos"]

LADO_PESO = 48


@lru_cache(maxsize=2)
def _fonte(tamanho: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans, que vem com o matplotlib: acentos garantidos e os mesmos pixels em toda máquina."""
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), tamanho)


def _cinza(valores: torch.Tensor, escala: tuple[float, float]) -> np.ndarray:
    vmin, vmax = escala
    return (255 * ((valores - vmin) / (vmax - vmin)).clamp(0, 1)).round().to(torch.uint8).numpy()


class ExploradorNucleos(Explorador):
    """O laboratório de um ``EstadoNucleos`` (``estado``)."""

    ALT = "Foto de entrada, núcleo 3×3 e foto filtrada lado a lado, na mesma escala de cinza."

    def figura_estatica(self) -> bytes:
        """Entrada, núcleo e saída lado a lado, com rótulos (Pillow, os mesmos bytes a cada vez)."""
        e = self.estado
        entrada = Image.fromarray(_cinza(e.imagem[e.canal], e.escala)).convert("RGB")
        saida = Image.fromarray(_cinza(e.saida[e.canal], e.escala)).convert("RGB")
        cores = _cinza(e.nucleo, e.escala)
        nucleo = Image.fromarray(np.kron(cores, np.ones((LADO_PESO, LADO_PESO), np.uint8))).convert("RGB")
        desenho = ImageDraw.Draw(nucleo)
        for (a, b), peso in np.ndenumerate(e.nucleo.numpy()):
            cor = (0, 0, 0) if cores[a, b] > 110 else (255, 255, 255)
            desenho.text(((b + 0.5) * LADO_PESO, (a + 0.5) * LADO_PESO), f"{peso:.3g}", fill=cor, font=_fonte(13),
                         anchor="mm")
        paineis = [entrada, nucleo, saida]
        figura = Image.new("RGB", (sum(p.width for p in paineis) + 80, max(p.height for p in paineis) + 46), "white")
        desenho, x = ImageDraw.Draw(figura), 20
        for painel, rotulo in zip(paineis, ("entrada", f"núcleo: {e.nome}", "saída")):
            figura.paste(painel, (x, 22))
            desenho.text((x, 4), rotulo, fill=(0, 0, 0), font=_fonte(13))
            x += painel.width + 20
        desenho.text((20, figura.height - 20), f"mesma escala de cinza nas três: preto = {e.escala[0]:.2f}, "
                     f"branco = {e.escala[1]:.2f}", fill=(0, 0, 0), font=_fonte(13))
        saida_png = BytesIO()
        figura.save(saida_png, format="PNG", compress_level=6)
        return saida_png.getvalue()


def explorar_nucleos(imagem: torch.Tensor | None = None, nucleo: str = "Sobel x") -> ExploradorNucleos:
    """Laboratório de núcleos 3×3 sobre uma foto: escolha um núcleo pronto ou edite os 9 pesos.

    Parâmetros
    ----------
    imagem : tensor (H, W) ou (C, H, W), C de 1 a 4; padrão: a foto real em cinza com 256 px
        (``convaula.reais.foto()``).
    nucleo : o núcleo inicial, uma chave de ``NUCLEOS`` (identidade, desfoque caixa,
        gaussiano, nitidez, Sobel x, Sobel y, laplaciano, relevo), os mesmos do notebook 06.

    Retorna o ``ExploradorNucleos`` (mostre-o como última expressão). Notebook 06.
    """
    return ExploradorNucleos(EstadoNucleos(foto() if imagem is None else imagem, nucleo))
