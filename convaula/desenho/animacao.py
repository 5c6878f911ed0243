"""Animações do núcleo varrendo todas as posições: ``FuncAnimation`` para o notebook e GIF.

Cada quadro chama ``desenho.mostrar(t)`` de um desenho de ``convaula.desenho`` (os artistas
são atualizados no lugar). ``salvar_gif`` grava com Pillow, com poucas cores e sem
pontilhado, de modo que o mesmo desenho dá sempre os mesmos bytes.

Nos notebooks checados pelo nbval, mostre o GIF de ``figures/`` em markdown: o HTML de
``to_jshtml`` tem identificadores aleatórios e mudaria a cada execução.

Notebooks: 01, 03 e 05 (via ``figures/``); ``convaula.desenho.figuras`` gera os GIFs.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import torch
from matplotlib.animation import AbstractMovieWriter, FuncAnimation
from PIL import Image

from .._argumentos import inteiro
from .base import Desenho, Par, imagem_rgba
from .conv import desenhar_conv1d, desenhar_conv2d
from .transposta import desenhar_transposta2d

__all__ = ["EscritorGif", "animar", "animar_conv1d", "animar_conv2d", "animar_transposta2d", "como_html",
           "salvar_gif"]


def animar(desenho: Desenho, intervalo: int = 700) -> FuncAnimation:
    """Anima um desenho pronto: um quadro por posição, na ordem de varredura.

    Parâmetros: ``desenho`` (de ``desenhar_conv1d/2d`` ou ``desenhar_transposta2d``);
    ``intervalo`` em milissegundos entre quadros. Retorna a ``FuncAnimation``.
    """
    if not isinstance(desenho, Desenho):
        raise TypeError(f"desenho deve vir de convaula.desenho, mas recebeu {type(desenho).__name__}")
    intervalo = inteiro("intervalo", intervalo, minimo=1)
    return FuncAnimation(desenho.figura, desenho.mostrar, frames=range(len(desenho.posicoes)),
                         interval=intervalo, blit=False, cache_frame_data=False)


def animar_conv1d(x: torch.Tensor, w: torch.Tensor, stride: int = 1, padding: int = 0, dilation: int = 1,
                  intervalo: int = 700) -> FuncAnimation:
    """Animação de ``F.conv1d`` (um canal): o núcleo passa por todas as saídas (GIFs do notebook 01)."""
    return animar(desenhar_conv1d(x, w, stride, padding, dilation), intervalo)


def animar_conv2d(x: torch.Tensor, w: torch.Tensor, stride: Par = 1, padding: Par = 0, dilation: Par = 1,
                  intervalo: int = 700) -> FuncAnimation:
    """Animação de ``F.conv2d`` (um canal): a janela varre a entrada linha a linha (GIFs do notebook 03)."""
    return animar(desenhar_conv2d(x, w, stride, padding, dilation), intervalo)


def animar_transposta2d(x: torch.Tensor, w: torch.Tensor, stride: Par = 1, padding: Par = 0,
                        output_padding: Par = 0, dilation: Par = 1, intervalo: int = 900) -> FuncAnimation:
    """Animação de ``F.conv_transpose2d``: cada entrada espalha o núcleo na saída (GIFs do notebook 05)."""
    return animar(desenhar_transposta2d(x, w, stride, padding, output_padding, dilation), intervalo)


class EscritorGif(AbstractMovieWriter):
    """Escritor de GIF com Pillow: cada quadro reduzido a ``cores`` cores, sem pontilhado."""

    def __init__(self, fps: float = 1.5, cores: int = 32):
        cores = inteiro("cores", cores, minimo=2, maximo=256)
        super().__init__(fps=fps)
        self.cores = cores

    def setup(self, fig, outfile, dpi=None) -> None:
        super().setup(fig, outfile, dpi=dpi)
        self._quadros: list[Image.Image] = []

    def grab_frame(self, **savefig_kwargs) -> None:
        buffer = BytesIO()
        self.fig.savefig(buffer, **{**savefig_kwargs, "format": "rgba", "dpi": self.dpi})
        self._quadros.append(_reduzir(imagem_rgba(buffer.getbuffer(), self.frame_size), self.cores))

    def finish(self) -> None:
        primeiro, *resto = self._quadros
        primeiro.save(self.outfile, save_all=True, append_images=resto, duration=int(1000 / self.fps), loop=0)


def salvar_gif(animacao: FuncAnimation | Desenho, caminho, fps: float = 1.5, dpi: int = 60,
               cores: int = 32) -> Path:
    """Grava um GIF (Pillow) do núcleo varrendo todas as posições e devolve o caminho.

    Parâmetros
    ----------
    animacao : uma ``FuncAnimation`` (de ``animar...``) ou, mais rápido, o próprio ``Desenho``
        (só os artistas que mudam são redesenhados a cada quadro).
    caminho : arquivo ``.gif``; fps : quadros por segundo; dpi : resolução (pequeno = arquivo
        pequeno); cores : cores por quadro. Os mesmos dados dão sempre os mesmos bytes.
    """
    caminho = Path(caminho)
    if caminho.suffix.lower() != ".gif":
        raise ValueError(f"caminho deve terminar em .gif, mas recebeu caminho={str(caminho)!r}")
    if isinstance(animacao, FuncAnimation):
        animacao.save(caminho, writer=EscritorGif(fps=fps, cores=cores), dpi=dpi,
                      savefig_kwargs={"facecolor": "white"})
        return caminho
    if not isinstance(animacao, Desenho):
        raise TypeError(f"animacao deve ser FuncAnimation ou Desenho, mas recebeu {type(animacao).__name__}")
    animacao.figura.set_dpi(dpi)
    quadros = []
    for t in range(len(animacao.posicoes)):
        animacao.mostrar(t)
        animacao.redesenhar(completo=(t == 0))
        quadros.append(_reduzir(animacao.quadro(), cores))
    quadros[0].save(caminho, save_all=True, append_images=quadros[1:], duration=int(1000 / fps), loop=0)
    return caminho


def _reduzir(quadro: Image.Image, cores: int) -> Image.Image:
    """Paleta de ``cores`` cores, sem pontilhado (determinístico e pequeno)."""
    return quadro.quantize(cores, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def como_html(animacao: FuncAnimation) -> str:
    """HTML com controles (``to_jshtml``) para mostrar a animação num notebook.

    Atenção: o HTML tem identificadores aleatórios; em notebooks checados pelo nbval
    prefira o GIF de ``figures/``.
    """
    return animacao.to_jshtml()
